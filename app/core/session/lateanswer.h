#pragma once

#include "http/response.h"

#include <QByteArray>
#include <QList>
#include <QMetaType>
#include <QString>

namespace Session {

/**
 * What a request's sender was answered when the answer was chosen after the request was logged
 * (issue 11: "answer the sender with the downstream answer"). The captured record stays as it
 * was journaled — its answer fields hold the configured answer, the one that goes out when no
 * other comes — and this entry, stored beside it, says what its sender really got and why.
 */
struct LateAnswer
{
    /// Where the answer came from.
    enum class Source {
        Forward, ///< the forward's first destination answered: its answer went to the sender
        Timeout, ///< no answer from the destination within the rule's timeout: the configured one went
        Failed,  ///< the destination could not be reached (or refused): the configured answer went
    };

    qint64 requestId = 0;
    qint64 answeredAtMs = 0; ///< wall clock, ms since the epoch (UTC)
    Source source = Source::Forward;
    Http::Response response; ///< as sent to the original sender (Date, Content-Length are added on the wire)
    QString note;            ///< one sentence for people: which destination, how long, which error

    static QByteArray sourceName(Source source); ///< "forward", "timeout", "failed"
    static Source sourceFromName(QByteArrayView name);
};
using LateAnswers = QList<LateAnswer>;

} // namespace Session

Q_DECLARE_METATYPE(Session::LateAnswer)
