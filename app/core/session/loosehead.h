#pragma once

#include "http/response.h"

#include <QByteArray>
#include <QByteArrayView>

namespace Session {

/**
 * A message head as a sender wrote it or a destination sent it, split for display and export
 * without judging it: the sender may put anything on the wire (a wrong Content-Length, a
 * header name with a space), and the export must still show what went out. The start line is
 * split at its first two spaces; each following line at its first colon, the value without the
 * blanks around it. A line without a colon is left out (its bytes stay in the raw head).
 */
struct LooseHead
{
    QByteArray first;  ///< method, or the response's HTTP version
    QByteArray second; ///< target, or the status code
    QByteArray third;  ///< HTTP version, or the reason phrase (spaces kept)
    Http::HeaderList fields;

    static LooseHead split(QByteArrayView head);
    /// The first field of that name (case-insensitive), or empty.
    QByteArray value(QByteArrayView name) const;
};

} // namespace Session
