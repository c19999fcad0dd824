#pragma once

#include "http/response.h"

#include <QCoreApplication>
#include <QString>

namespace Capture {

/**
 * How Hookscope answers a captured request. Default: 200, application/json, {"ok":true}.
 *
 * The default body and its Content-Type go together: an answer a user shapes from parts (a
 * status, headers, a body) starts from blank(), so a 302 with a Location carries no {"ok":true}
 * and no Content-Type that describes a body it does not have.
 */
struct AnswerSpec
{
    Q_DECLARE_TR_FUNCTIONS(Capture::AnswerSpec)

public:
    int status = 200;
    QByteArray reason; ///< empty: the standard phrase
    Http::HeaderList headers{{"Content-Type", "application/json"}};
    QByteArray body{"{\"ok\":true}"};
    int delayMs = 0;

    Http::Response response() const { return Http::Response{status, reason, headers, body}; }
    friend bool operator==(const AnswerSpec &, const AnswerSpec &) = default;

    /// 200 with no headers and an empty body: the start of an answer the user shapes from parts.
    static AnswerSpec blank();

    /// Parses "Name: value" as a user writes it on a command line or in a form. Returns false
    /// with a message when the name is not a token or the value holds CR, LF or NUL.
    static bool parseHeader(const QString &text, QPair<QByteArray, QByteArray> *header, QString *error);
};

} // namespace Capture
