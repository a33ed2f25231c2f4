"""Stage *read*: files, folders and stdin become plain document records, before there is a Document.
Adds the Document's inputs (id, text, date, title, url, publisher); bad input becomes a one-line ReadError.
"""
