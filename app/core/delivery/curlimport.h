#pragma once

#include "sender.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Delivery {

struct CurlImportOptions
{
    /// Where relative @file paths are found (the terminal's directory); empty: the current one.
    QString workingDirectory;
    /// A --data-binary/--json/-T @file larger than this is not read: it becomes Message::bodyFile
    /// and is streamed when sent, as the sender does for any file body.
    qint64 maxInlineFileBytes = 1024 * 1024;
    /// The multipart boundary for -F (empty: a random one in curl's style).
    QByteArray formBoundary;
};

/// A pasted curl command as a message, and what of it could not be carried over.
struct CurlImport
{
    Message message;
    QStringList warnings; ///< one sentence per thing ignored or changed
    QString error;        ///< why nothing could be made of it; empty on success

    bool ok() const { return error.isEmpty(); }
};

/**
 * Reads `command`, a curl command line as pasted from a terminal or documentation, into a
 * message, without running anything. Words are split as a POSIX shell splits them (see
 * Shell::split: quotes, escapes, continuations, bash's $'...'), so the output of Hookscope's
 * own Copy as curl, `printf '...' | curl ... --data-binary @-` included, reads back exactly.
 *
 * The message is the request curl would have sent, in the terms of Message: the method, the
 * URLs (one destination each; a URL without a scheme gets http:// as curl gives it), the -H
 * headers in order with their case and duplicates, and the body bytes curl would have sent
 * (-d/--data-ascii with CR and LF taken out of @file contents, --data-raw, --data-binary,
 * --data-urlencode, --json, -F multipart, -T, joined with '&' as curl joins them; -G moves them
 * into the query).
 *
 * Headers curl adds itself: the ones a user relies on without writing them are made explicit,
 * visible rows — curl's Accept header with its any-type value (servers negotiate on it; a request without it can be
 * answered differently from the one that worked in the terminal), the Content-Type curl picks for -d
 * (application/x-www-form-urlencoded), -F (multipart/form-data with the boundary) and --json,
 * and Authorization, Referer, Cookie and Accept-Encoding from -u, -e, -b and --compressed —
 * each in the place curl puts it. curl's `User-Agent: curl/VERSION` is not copied: Hookscope's
 * own User-Agent default stands in for it (shown in the panel, changeable), unless the command
 * sets one with -A or -H. Host and Content-Length stay Hookscope's defaults (one per
 * destination, always right for the body, even after the body is edited; the sender puts
 * Content-Length after Host where curl puts it after the -H headers); a -H header that would
 * come out the same as the default, in the same place, is left to the default. Where curl would
 * send no Content-Length (no body), the message says so with an emptied Content-Length, so the
 * wire matches. curl's `Expect: 100-continue` (for -T and bodies over 1 MiB) is not copied: the
 * sender does not wait for a 100 response. --compressed asks for "deflate, gzip, br", the
 * codings Hookscope can show decoded (curl adds zstd where built with it).
 *
 * `-H 'Name:'` removes a header: for Hookscope's defaults (Host, User-Agent, Content-Length,
 * Transfer-Encoding) it becomes the emptied row that leaves the default out; for headers curl
 * would add (Accept, Content-Type...) they are not added. `-H 'Name;'` sends Name with an empty
 * value (which, for a Hookscope default, Message can only read as "leave it out").
 *
 * Options that only change what curl prints or saves (-s, -v, -i, -o...) are ignored quietly;
 * others that cannot be carried over (-L, -x, client certificates, HTTP/2...) and unknown ones
 * are ignored with a warning. An unbalanced quote, an option without its value, no URL, or -F
 * with -d give an error.
 */
CurlImport importCurl(const QString &command, const CurlImportOptions &options = {});

} // namespace Delivery
