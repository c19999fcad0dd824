#include "sentsession.h"
#include "historymodel.h"
#include "senderpanel.h"

#include "capture/captureengine.h"
#include "capture/outboundrecords.h"
#include "http/limits.h"
#include "session/sessionreader.h"
#include "session/writerhub.h"

#include <QCoreApplication>
#include <QPointer>
#include <QThreadPool>
#include <QUrl>

namespace Gui {

namespace {

/// "2 of 3 answered 2xx", as the panel says it for messages it sent.
QString outcomeOf(const Session::OutboundSummary &summary)
{
    int ok = 0;
    for (int status : summary.finalStatuses)
        ok += status >= 200 && status <= 299;
    return SentSession::tr("%1 of %2 answered 2xx").arg(ok).arg(summary.finalStatuses.size());
}

Delivery::Message messageOf(const Session::OutboundMessage &stored)
{
    Delivery::Message m;
    m.name = stored.name;
    m.method = stored.method;
    for (const QString &url : stored.destinations)
        m.destinations << QUrl(url);
    m.headers = stored.headers;
    m.body = stored.body;
    m.bodyFile = stored.bodyFile;
    m.signScheme = stored.signScheme; // the secret stays in the secret store, never in the file
    m.composition = stored.composition;
    return m;
}

} // namespace

SentSession::SentSession(SenderPanel *panel, Capture::CaptureEngine *engine)
    : QObject(panel)
    , m_panel(panel)
{
    const std::shared_ptr<Session::WriterHub> hub = engine->outbound();
    connect(panel, &SenderPanel::messagePrepared, this, [hub](const Delivery::Prepared &prepared) {
        if (prepared.error.isEmpty())
            hub->submit(Capture::outboundMessage(prepared));
    });
    connect(panel, &SenderPanel::attemptReported, this, [hub](const Delivery::AttemptReport &report) {
        hub->submit(Session::OutboundAttempts{Capture::outboundAttempt(report, Http::Limits().maxBodyBytes)});
    });
    connect(engine, &Capture::CaptureEngine::sessionOpened, this, &SentSession::load);
}

void SentSession::load(const QString &path)
{
    const quint64 generation = ++m_generation;
    QPointer<SentSession> self(this);
    QThreadPool::globalInstance()->start([self, path, generation] {
        QList<HistoryModel::Entry> entries;
        Session::SessionReader reader;
        if (reader.open(path).problem == Session::FileProblem::None) {
            for (const Session::OutboundSummary &summary : reader.listMessages(kHistoryLimit)) {
                const Session::OutboundMessagePtr stored = reader.loadMessage(summary.uid);
                if (!stored)
                    continue;
                HistoryModel::Entry entry;
                entry.sentAtMs = summary.createdAtMs;
                entry.message = messageOf(*stored);
                entry.outcome = outcomeOf(summary);
                entries << entry;
            }
        }
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, entries, generation] {
                if (self && generation == self->m_generation)
                    self->m_panel->history()->setFromFile(entries);
            },
            Qt::QueuedConnection);
    });
}

} // namespace Gui
