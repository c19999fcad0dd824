#pragma once

#include <QByteArrayView>
#include <QString>

namespace Payload {

/// Where and why parsing a body failed, so the detail pane can show the raw text with the
/// failing position marked.
struct ParseError
{
    qint64 offset = -1; ///< byte offset in the input (the input size when the input ended too early)
    qint64 line = 0;    ///< 1-based line of `offset` (lines end at LF)
    qint64 column = 0;  ///< 1-based column of `offset`, in UTF-16 code units as a QString-based view counts
    QString reason;     ///< one sentence, e.g. "expected ',' or '}' after an object member"

    bool isError() const { return offset >= 0; }

    /// An error at `offset` in `input`, with line and column worked out.
    static ParseError at(QByteArrayView input, qint64 offset, QString reason);
};

} // namespace Payload
