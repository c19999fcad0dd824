#pragma once

#include "sender.h"

#include "http/request.h"

#include <QString>
#include <QStringList>
#include <QUrl>

namespace Delivery {

/// A captured request as the curl commands need it. Session::CapturedRequest holds all of it
/// (Capture::curlSource() makes one); delivery/ does not see session/.
struct CurlSource
{
    Http::Request request;
    bool tls = false;        ///< it came in over TLS: the default base is https
    quint16 localPort = 0;   ///< the port it came in on: the default base's port
    QString rejectedBecause; ///< why Hookscope could not read it whole; empty when it could
};

struct CurlOptions
{
    /// Let curl add the headers it sends by default (Host, User-Agent, Accept, and for a body
    /// Content-Type and Expect) when the captured request had none. Off: the command suppresses
    /// them, so the server sees only the captured headers.
    bool includeCurlDefaults = false;
    /// One option per line, continued with a backslash. A text body with line breaks then stays
    /// inline as typed; on one line it goes through printf with \n escapes.
    bool multiline = false;
};

/**
 * A shell command that makes curl send `request` again, to `base` (scheme, host and port; a path
 * in `base` is put in front of an origin-form target; an empty `base` means
 * http://localhost:<the port the request came in on>).
 *
 * What arrives is the captured request: the method, the request-target byte for byte, HTTP/1.0
 * or HTTP/1.1, every header in order with duplicates, name case and exact values, and the exact
 * body bytes. curl's own Host, User-Agent, Accept, Content-Type and Expect headers are suppressed
 * unless the request had them (see CurlOptions::includeCurlDefaults). curlDifferences() lists what
 * the command cannot reproduce for a given request.
 *
 * The command is POSIX sh unless a header value or the target holds bytes that are not printable
 * UTF-8 (a tab, Latin-1, a control or invisible character): those words use bash's $'...' quoting
 * (bash, zsh and ksh93 read it). A binary body, or one too large for a command-line argument, is
 * piped in with printf octal escapes, which are POSIX. The command never has a character in it
 * that a terminal would act on when pasted.
 *
 * Returns an empty string for a request without a request line.
 */
QString curlCommand(const CurlSource &request, const QUrl &base, const CurlOptions &options = {});

/// One sentence for each way the command from curlCommand() differs from what was captured;
/// empty when the server receives the same request bytes.
QStringList curlDifferences(const CurlSource &request, const CurlOptions &options = {});

/**
 * A shell command that makes curl send `message` to each of its destinations as Hookscope sends
 * it (Copy as curl in the sender panel), and that importCurl() reads back as the same message.
 *
 * The headers go out as the sender puts them on the wire: Hookscope's defaults (Content-Length,
 * User-Agent: Hookscope/VERSION, Transfer-Encoding for a chunked body) are written out, Host is
 * curl's (the same value, first, for each URL), emptied defaults become `-H 'Name:'`, and curl's
 * own Accept, Content-Type and Expect are turned off unless the message has them. A file body is
 * `--data-binary @FILE`; other bodies are quoted as curlCommand() for a capture quotes them.
 * Connection options curl knows are carried: -k, --max-time, --connect-timeout, --retry,
 * --noproxy '*'. Placeholders are written as they are (curl sends them unresolved) and signing
 * is not part of the command: curlDifferences() says so.
 *
 * Returns an empty string for a message without a destination.
 */
QString curlCommand(const Message &message, const CurlOptions &options = {});

/// One sentence for each way the command from curlCommand(message) does not send what Hookscope
/// would send.
QStringList curlDifferences(const Message &message);

} // namespace Delivery
