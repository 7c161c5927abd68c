"""A real HTTP server on 127.0.0.1 serving a folder: the download origin of the tests."""

import contextlib
import functools
import http.server
import threading


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        self.server.requests.append(self.path)


class _TruncatingHandler(_Handler):
    """Announces the full file but sends half of it, then closes: an interrupted download."""

    def copyfile(self, source, outputfile):
        data = source.read()
        outputfile.write(data[: len(data) // 2])
        self.close_connection = True


@contextlib.contextmanager
def serve(directory, truncate=False):
    """Serve `directory` on a free port; `server.url(name)` is a file's URL, `server.requests`
    the paths requested so far."""
    handler = _TruncatingHandler if truncate else _Handler
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    server.requests = []
    server.base_url = f"http://127.0.0.1:{server.server_address[1]}/"
    server.url = lambda name: server.base_url + name
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
