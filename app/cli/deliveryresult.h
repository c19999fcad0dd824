#pragma once

#include "http/clientconnection.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <cstdio>

namespace Cli {

/// What a command has heard about one destination of a message (send, replay).
struct DeliveryOutcome
{
    int attempts = 0;
    bool done = false;
    Http::ExchangeResult last;
    qint64 finishedAtMs = 0; ///< from the command's start to the final answer
};

/// The final attempt was answered 2xx.
bool finallyOk(const DeliveryOutcome &o);
/// Why it is not OK: the connection error, or "HTTP 503 Service Unavailable"; empty when OK.
QString errorText(const DeliveryOutcome &o);
/// Writes and flushes at once: a line is seen as soon as it is known.
void writeOut(const QByteArray &line, FILE *stream);
/// "url: attempt N failed (why); retrying in M ms" for stderr.
QByteArray retryLine(const QString &url, const DeliveryOutcome &o, qint64 retryInMs);
/// One destination's result as `send` prints it: "200 OK  URL  (1 attempt, 12 ms)[: error]", or
/// with `json` one object (url, status, attempts, duration_ms, error) with `extra` before them.
QByteArray resultLine(const QString &url, const DeliveryOutcome &o, bool json, const QJsonObject &extra = {});

} // namespace Cli
