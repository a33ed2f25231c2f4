"""The process that codes texts for `POST /api/code`: `python -m heron.server.code_worker`.

It loads one `Coder`, says `{"ready": true}` on stdout, then answers one JSON line per JSON
request line on stdin ({"text", "date", "title", "id"}) with {"ok": document} or
{"error": message}, until stdin closes. Coding runs in its own process so that it neither holds
the server's GIL nor outlives its time limit: the server kills a worker that runs too long.
"""
from __future__ import annotations

import json
import sys
from typing import IO


def serve(requests: IO[str], replies: IO[str]) -> None:
    from heron.pipeline import Coder, CodingError

    coder = Coder()
    coder.code("Warm-up.", doc_id="warm-up")   # first call builds lazy tables; not a user's wait
    _reply(replies, {"ready": True})
    for line in requests:
        try:
            req = json.loads(line)
            doc = coder.code(req["text"], date=req.get("date"), doc_id=req.get("id") or "pasted",
                             title=req.get("title"))
            _reply(replies, {"ok": doc.to_dict()})
        except CodingError as exc:
            _reply(replies, {"error": str(exc)})
        except Exception as exc:  # noqa: BLE001 - one bad text must not take the worker down
            _reply(replies, {"error": f"could not be coded ({type(exc).__name__}: {exc})", "internal": True})


def _reply(out: IO[str], message: dict) -> None:
    out.write(json.dumps(message) + "\n")
    out.flush()


def main() -> None:
    # The protocol owns stdout; anything a library prints goes to stderr instead.
    replies = sys.stdout
    sys.stdout = sys.stderr
    serve(sys.stdin, replies)


if __name__ == "__main__":
    main()
