#pragma once

#include "http/response.h"

#include <QCoreApplication>
#include <QString>

namespace Capture {

/// How Hookscope answers a captured request. Default: 200, application/json, {"ok":true}.
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

    /// Parses "Name: value" as a user writes it on a command line or in a form. Returns false
    /// with a message when the name is not a token or the value holds CR, LF or NUL.
    static bool parseHeader(const QString &text, QPair<QByteArray, QByteArray> *header, QString *error);
};

} // namespace Capture
