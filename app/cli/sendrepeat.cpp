#include "sendrepeat.h"
#include "signalwatcher.h"

#include "capture/outboundrecords.h"
#include "session/sessionwriter.h"

#include <QCoreApplication>
#include <QJsonDocument>

#include <cstdio>

namespace Cli::SendCommand {

void storeInto(Session::SessionWriter *writer, Delivery::Sender *sender)
{
    if (!writer)
        return;
    Capture::storeSentBy(sender, [writer](const Session::OutboundBatch &records) { writer->submit(records); });
}

int repeat(const Delivery::Message &message, const Delivery::RepeatPlan &plan, Session::SessionWriter *writer,
           bool asJson)
{
    Delivery::RepeatRun run(message, plan);
    storeInto(writer, run.sender());
    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &run, [&run] { run.stop(); });
    QObject::connect(&run, &Delivery::RepeatRun::finished, &run, [] { QCoreApplication::exit(0); });
    run.start();
    if (run.isRunning())
        QCoreApplication::exec();
    const Delivery::RepeatSummary summary = run.summary();
    const QByteArray out =
        asJson ? QJsonDocument(summary.json()).toJson(QJsonDocument::Compact) + '\n' : summary.text().toUtf8();
    std::fwrite(out.constData(), 1, size_t(out.size()), stdout);
    std::fflush(stdout);
    bool allOk = summary.error.isEmpty() && summary.finished > 0;
    for (auto it = summary.outcomes.cbegin(); it != summary.outcomes.cend(); ++it) {
        const int status = it.key().toInt();
        allOk = allOk && status >= 200 && status < 300;
    }
    return allOk ? 0 : 1;
}

} // namespace Cli::SendCommand
