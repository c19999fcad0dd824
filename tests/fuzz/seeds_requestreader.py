#!/usr/bin/env python3
"""Writes the seed corpus of fuzz_requestreader into corpus/requestreader/.

Every input is two selector bytes, then the byte stream of one connection (see the top of
fuzz_requestreader.cpp): byte 0 picks the limits, byte 1 how the stream is cut into arrivals.
Seeds are named seed-*; minimized findings are checked in by hand as regress-* and are left alone.

    python3 tests/fuzz/seeds_requestreader.py
"""

import pathlib

OUT = pathlib.Path(__file__).resolve().parent / "corpus" / "requestreader"

# Index tables of fuzz_requestreader.cpp; index 0 is the listener's default everywhere.
HEAD_LIMITS = [64 * 1024, 8, 16, 24, 40, 64, 128, 512]
HEADER_COUNTS = [256, 0, 1, 3]
BODY_LIMITS = [100 * 1024 * 1024, 0, 1, 2, 5, 16, 100, 4096]


def limits(head=HEAD_LIMITS[0], headers=HEADER_COUNTS[0], body=BODY_LIMITS[0]):
    return HEAD_LIMITS.index(head) | HEADER_COUNTS.index(headers) << 3 | BODY_LIMITS.index(body) << 5


H = b"Host: hooks.example.test\r\n"

SEEDS = {}


def seed(name, stream, lim=0, split=0):
    assert name not in SEEDS, name
    SEEDS[name] = bytes([lim, split]) + stream


# --- ordinary requests -------------------------------------------------------------------------
seed("get", b"GET / HTTP/1.1\r\n" + H + b"\r\n")
seed("get-variety",
     b"GET http://hooks.example.test:8080/a/b?c=d#e HTTP/1.1\r\n" + H + b"\r\n"
     b"OPTIONS * HTTP/1.1\r\n" + H + b"\r\n"
     b"GET /caf\xc3\xa9?q=\xff HTTP/1.1\r\n" + H + b"\r\n"
     b"GET /status?x=1&y=%20 HTTP/1.1\r\nAccept: */*\r\n\r\n"
     b"HEAD / HTTP/1.1\r\nHost: a.test\r\nhost: b.test\r\n\r\n", split=0x02)
seed("get-http19", b"GET / HTTP/1.9\r\n" + H + b"\r\n")
seed("get-close", b"GET / HTTP/1.1\r\n" + H + b"Connection: close\r\n\r\nGET /ignored HTTP/1.1\r\n\r\n")
seed("get-odd-fields",
     b"GET /f HTTP/1.1\r\n" + H + b"X-Empty:\r\nX-Spaces:    padded  \t \r\nX-Tab:\tv\tv\r\n"
     b"x-obs-text: caf\xc3\xa9 \xff\x80\r\nX-Dup: 1\r\nx-dup: 2\r\n!#$%&'*+-.^_`|~09azAZ: token\r\n"
     b"X-Quote: \"a, b\", c\r\n\r\n")
seed("post-json",
     b"POST /hooks/github HTTP/1.1\r\n" + H + b"Content-Type: application/json\r\n"
     b"X-GitHub-Event: push\r\nContent-Length: 27\r\n\r\n{\"ref\":\"refs/heads/main\"}\r\n", split=0x22)
seed("post-cl-list", b"POST / HTTP/1.1\r\n" + H + b"Content-Length: 5, 5\r\nContent-Length: 5\r\n\r\nhello"
     b"POST / HTTP/1.1\r\n" + H + b"Content-Length: 000005\r\n\r\nhello")
seed("post-binary-body", b"PUT /bin HTTP/1.1\r\n" + H + b"Content-Length: 12\r\n\r\n\x00\r\n\r\n\n\r\xff\x00\x01\x02G",
     split=0x01)
seed("post-http10-keepalive",
     b"GET /index.html HTTP/1.0\r\nUser-Agent: seed/1\r\nConnection: keep-alive\r\n\r\n"
     b"POST /a HTTP/1.0\r\nConnection: Keep-Alive\r\nContent-Length: 3\r\n\r\nabc"
     b"GET /b HTTP/1.0\r\n\r\nGET /c HTTP/1.0\r\n\r\n")

# --- keep-alive pipelines ----------------------------------------------------------------------
seed("pipeline-gets", (b"GET /1 HTTP/1.1\r\n" + H + b"\r\n") + (b"GET /2 HTTP/1.1\r\n" + H + b"\r\n") +
     (b"GET /3 HTTP/1.1\r\n" + H + b"Connection: close\r\n\r\n"), split=0x5e)
seed("pipeline-post-get",
     b"POST /p HTTP/1.1\r\n" + H + b"Content-Length: 4\r\n\r\nGET GET /g HTTP/1.1\r\n" + H + b"\r\n", split=0x93)
seed("pipeline-chunked-get",
     b"POST /c HTTP/1.1\r\n" + H + b"Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
     b"GET /after HTTP/1.1\r\n" + H + b"\r\n", split=0x3a)
seed("pipeline-empty-lines-between",
     b"GET /1 HTTP/1.1\r\n" + H + b"\r\n\r\n\r\nGET /2 HTTP/1.1\r\n" + H + b"\r\n\r\n", split=0xc5)
seed("pipeline-then-garbage", b"GET /1 HTTP/1.1\r\n" + H + b"\r\n\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03")

# --- chunked ------------------------------------------------------------------------------------
TE = b"Transfer-Encoding: chunked\r\n"
seed("chunked", b"POST /c HTTP/1.1\r\n" + H + TE + b"\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")
seed("chunked-hex", b"POST /c HTTP/1.1\r\n" + H + TE + b"\r\nA\r\n0123456789\r\na\r\nabcdefghij\r\n"
     b"000000000000000000000003\r\nxyz\r\n00\r\n\r\n", split=0x0b)
seed("chunked-extensions",
     b"POST /c HTTP/1.1\r\n" + H + TE + b"\r\n5;name=value\r\nhello\r\n3 ; a = b ; flag ;q=\"x\\\"y;z\"\r\nabc\r\n"
     b"1;\tsp=\"\t\x80\"\r\nZ\r\n0;last=1\r\n\r\n", split=0x66)
seed("chunked-trailers",
     b"POST /c HTTP/1.1\r\n" + H + TE + b"Trailer: Checksum\r\n\r\n4\r\nwiki\r\n0\r\n"
     b"Checksum: 00ff\r\nX-Empty:\r\nx-dup: 1\r\nx-dup: 2\r\n\r\n", split=0x27)
seed("chunked-te-case-list", b"POST /c HTTP/1.1\r\n" + H + b"transfer-encoding: ,  CHUNKED ,\r\n\r\n0\r\n\r\n")
seed("chunked-te-two-headers", b"POST /c HTTP/1.1\r\n" + H + b"Transfer-Encoding:\r\nTransfer-Encoding: chunked\r\n"
     b"\r\n1\r\nx\r\n0\r\n\r\n")
seed("chunked-binary-data", b"POST /c HTTP/1.1\r\n" + H + TE + b"\r\n4\r\n\r\n\x00\n\r\n2\r\n\r\r\r\n0\r\n\r\n",
     split=0x01)
seed("chunked-expect",
     b"POST /c HTTP/1.1\r\n" + H + TE + b"Expect: 100-continue\r\n\r\n2\r\nok\r\n0\r\n\r\n", split=0x09)
seed("chunked-small-limits", b"POST /c HTTP/1.1\r\n" + TE + b"\r\n1\r\na\r\n1\r\nb\r\n0\r\nT: 1\r\n\r\n",
     lim=limits(head=64, headers=3, body=5), split=0x05)
seed("chunked-incomplete-crlf", b"POST /c HTTP/1.1\r\n" + H + TE + b"\r\n5\r\nhello\r")
seed("chunked-incomplete-trailer", b"POST /c HTTP/1.1\r\n" + H + TE + b"\r\n1\r\nx\r\n0\r\nX-T: part")

# --- 100-continue -------------------------------------------------------------------------------
seed("expect-continue", b"PUT /u HTTP/1.1\r\n" + H + b"Expect: 100-continue\r\nContent-Length: 3\r\n\r\nabc",
     split=0x10)
seed("expect-continue-no-body", b"PUT /u HTTP/1.1\r\n" + H + b"Expect: 100-Continue\r\nContent-Length: 0\r\n\r\n"
     b"PUT /u HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi")
seed("expect-continue-head-only", b"PUT /u HTTP/1.1\r\n" + H + b"Expect: 100-continue\r\nContent-Length: 9\r\n\r\n")

# --- CONNECT, Upgrade, HTTP/2 preface -----------------------------------------------------------
seed("connect", b"CONNECT hooks.example.test:443 HTTP/1.1\r\nHost: hooks.example.test:443\r\n\r\n"
     b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03")
seed("connect-with-framing", b"CONNECT a.test:80 HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n"
     b"Expect: 100-continue\r\n\r\nGET / HTTP/1.1\r\n\r\n")
seed("upgrade-websocket",
     b"GET /ws HTTP/1.1\r\n" + H + b"Upgrade: websocket\r\nConnection: Upgrade\r\n"
     b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n\x81\x85\x37\xfa\x21\x3d",
     split=0x31)
seed("upgrade-with-body",
     b"POST /u HTTP/1.1\r\n" + H + b"Upgrade: h2c\r\nContent-Length: 4\r\n\r\nbodyGET / HTTP/1.1\r\n\r\n")
seed("pri-preface", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\x12\x04\x00\x00\x00\x00\x00", split=0x03)
seed("pri-http11", b"PRI * HTTP/1.1\r\n" + H + b"\r\n")
seed("pri-framing-ignored", b"PRI * HTTP/1.2\r\nContent-Length:\r\nTransfer-Encoding: gzip\r\n\r\n")
seed("pri-wrong-target", b"PRI / HTTP/2.0\r\n\r\n")
seed("http30", b"GET / HTTP/3.0\r\n\r\n")

# --- framing errors -----------------------------------------------------------------------------
seed("err-cl-te", b"POST / HTTP/1.1\r\n" + H + b"Content-Length: 5\r\n" + TE + b"\r\n0\r\n\r\n")
seed("err-te-cl", b"POST / HTTP/1.1\r\n" + H + TE + b"Content-Length: 0\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\n\r\n")
seed("err-cl-letters", b"POST / HTTP/1.1\r\n" + H + b"Content-Length: 5a\r\n\r\nhello")
seed("err-cl-conflict-list", b"POST / HTTP/1.1\r\n" + H + b"Content-Length: 5, 6\r\n\r\nhello!")
seed("err-cl-conflict-headers", b"POST / HTTP/1.1\r\n" + H + b"Content-Length: 5\r\nContent-Length: 05\r\n"
     b"Content-Length: 6\r\n\r\nhello!")
seed("err-cl-empty", b"POST / HTTP/1.1\r\n" + H + b"Content-Length: \r\n\r\n")
seed("err-cl-empty-after-number", b"POST / HTTP/1.1\r\n" + H + b"Content-Length: 5\r\nContent-Length: ,\r\n\r\nhello")
seed("err-cl-huge", b"POST / HTTP/1.1\r\n" + H + b"Content-Length: 99999999999999999999999999\r\n\r\n")
seed("err-cl-over-limit", b"POST / HTTP/1.1\r\nContent-Length: 17\r\n\r\n0123456789abcdefg", lim=limits(body=16))
seed("err-te-http10", b"POST / HTTP/1.0\r\n" + TE + b"\r\n0\r\n\r\n")
seed("err-te-gzip-chunked", b"POST / HTTP/1.1\r\n" + H + b"Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n")
seed("err-te-chunked-gzip", b"POST / HTTP/1.1\r\n" + H + b"Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n")
seed("err-te-chunked-twice", b"POST / HTTP/1.1\r\n" + H + b"Transfer-Encoding: chunked\r\n" + TE + b"\r\n0\r\n\r\n")
seed("err-te-empty", b"POST / HTTP/1.1\r\n" + H + b"Transfer-Encoding: ,\r\n\r\n")
seed("err-chunk-size-letters", b"POST / HTTP/1.1\r\n" + H + TE + b"\r\nzz\r\n")
seed("err-chunk-size-0x", b"POST / HTTP/1.1\r\n" + H + TE + b"\r\n0x5\r\nhello\r\n0\r\n\r\n")
seed("err-chunk-size-space", b"POST / HTTP/1.1\r\n" + H + TE + b"\r\n5 \r\nhello\r\n0\r\n\r\n")
seed("err-chunk-size-over-limit", b"POST / HTTP/1.1\r\n" + H + TE + b"\r\nFFFFFFFF\r\n")
seed("err-chunk-size-64bit", b"POST / HTTP/1.1\r\n" + H + TE + b"\r\n7FFFFFFFFFFFFFFF\r\n")
seed("err-chunk-size-overflow", b"POST / HTTP/1.1\r\n" + H + TE + b"\r\n1\r\nx\r\n10000000000000000\r\n")
seed("err-chunk-body-over-limit", b"POST / HTTP/1.1\r\n" + TE + b"\r\n3\r\nabc\r\n3\r\n", lim=limits(body=5))
seed("err-chunk-data-too-long", b"POST / HTTP/1.1\r\n" + H + TE + b"\r\n5\r\nhello world\r\n0\r\n\r\n")
seed("err-chunk-data-cr-only", b"POST / HTTP/1.1\r\n" + H + TE + b"\r\n2\r\nab\rX")
seed("err-chunk-ext-no-name", b"POST / HTTP/1.1\r\n" + H + TE + b"\r\n1;=v\r\nx\r\n0\r\n\r\n")
seed("err-chunk-ext-open-quote", b"POST / HTTP/1.1\r\n" + H + TE + b"\r\n1;a=\"x\r\nx\r\n0\r\n\r\n")
seed("err-chunk-line-long", b"POST / HTTP/1.1\r\n" + H + TE + b"\r\n1;" + b"a" * 4200 + b"\r\nx\r\n0\r\n\r\n")
seed("err-chunk-line-bare-lf", b"POST / HTTP/1.1\r\n" + H + TE + b"\r\n1\nx\r\n0\r\n\r\n")
seed("err-trailer-obs-fold", b"POST / HTTP/1.1\r\n" + H + TE + b"\r\n0\r\nA: 1\r\n  folded\r\n\r\n")
seed("err-trailer-too-big", b"POST / HTTP/1.1\r\n" + TE + b"\r\n0\r\nX-Long-Trailer: 0123456789\r\n\r\n",
     lim=limits(head=64))
seed("err-trailer-count", b"POST / HTTP/1.1\r\n" + TE + b"\r\n0\r\nA: 1\r\n\r\n", lim=limits(headers=0))

# --- line and character errors ------------------------------------------------------------------
seed("err-bare-lf-request-line", b"GET / HTTP/1.1\nHost: a\r\n\r\n")
seed("err-bare-lf-header", b"GET / HTTP/1.1\r\nHost: a\nX: y\r\n\r\n")
seed("err-bare-cr", b"GET / HTTP/1.1\rHost: a\r\n\r\n")
seed("err-obs-fold", b"GET / HTTP/1.1\r\n" + H + b"X-Folded: a\r\n\tb\r\n\r\n")
seed("err-space-before-first-header", b"GET / HTTP/1.1\r\n Host: a\r\n\r\n")
seed("err-space-before-colon", b"GET / HTTP/1.1\r\nHost : a\r\n\r\n")
seed("err-header-no-colon", b"GET / HTTP/1.1\r\nHost\r\n\r\n")
seed("err-header-empty-name", b"GET / HTTP/1.1\r\n: a\r\n\r\n")
seed("err-header-bad-name", b"GET / HTTP/1.1\r\nX(y): a\r\n\r\n")
seed("err-nul-value", b"GET / HTTP/1.1\r\nX: a\x00b\r\n\r\n")
seed("err-ctl-value", b"GET / HTTP/1.1\r\nX: a\x01b\x7f\r\n\r\n")
seed("err-del-target", b"GET /a\x7fb HTTP/1.1\r\n\r\n")
seed("err-method-only", b"GET\r\n\r\n")
seed("err-http09", b"GET /\r\n\r\n")
seed("err-double-space", b"GET  / HTTP/1.1\r\n\r\n")
seed("err-empty-target", b"GET  HTTP/1.1\r\n\r\n")
seed("err-leading-space", b" GET / HTTP/1.1\r\n\r\n")
seed("err-version-lowercase", b"GET / http/1.1\r\n\r\n")
seed("err-version-long", b"GET / HTTP/1.10\r\n\r\n")
seed("err-tls-hello", b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" + bytes(range(32)))

# --- limits -------------------------------------------------------------------------------------
seed("err-request-line-long", b"GET /" + b"a" * 40 + b" HTTP/1.1\r\n\r\n", lim=limits(head=40))
seed("err-head-long", b"GET / HTTP/1.1\r\nX-Long: " + b"b" * 40 + b"\r\n\r\n", lim=limits(head=40))
seed("head-exactly-limit", b"GET / HTTP/1.1\r\nX: 0123456789abcdef\r\n\r\n", lim=limits(head=40), split=0x01)
seed("err-header-count", b"GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n\r\n", lim=limits(headers=3))
seed("err-too-many-empty-lines", b"\r\n" * 8 + b"GET / HTTP/1.1\r\n\r\n", lim=limits(head=8))
seed("err-body-limit-zero", b"POST / HTTP/1.1\r\nContent-Length: 1\r\n\r\nx", lim=limits(body=0))
seed("small-limits-pipeline", b"GET /a HTTP/1.1\r\nA: 1\r\n\r\nPOST /b HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi"
     b"GET /c HTTP/1.1\r\nA: 1\r\nB: 2\r\n\r\n", lim=limits(head=40, headers=1, body=2), split=0x46)

# --- unfinished messages ------------------------------------------------------------------------
seed("partial-request-line", b"GET /partial HTT")
seed("partial-head-cr", b"GET / HTTP/1.1\r\nHost: a\r\n\r")
seed("partial-body", b"POST / HTTP/1.1\r\n" + H + b"Content-Length: 10\r\n\r\nhalf")
seed("partial-lone-cr", b"\r\n\r")


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("seed-*"):
        old.unlink()
    for name, data in SEEDS.items():
        assert len(data) < 8192, name
        (OUT / f"seed-{name}").write_bytes(data)
    print(f"wrote {len(SEEDS)} seeds to {OUT}")


if __name__ == "__main__":
    main()
