#include "madefromview.h"

#include "requestdetail.h"

#include "capture/sessioncontroller.h"
#include "session/sessionreader.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLabel>
#include <QPointer>
#include <QTabWidget>
#include <QThreadPool>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace Gui {

namespace {

// After a replay finishes its last attempt is committed within milliseconds; the list is read
// again every kLookAgainMs while it is not there yet or some destination has no final attempt
// stored, kLooks times at most.
constexpr int kLookAgainMs = 100;
constexpr int kLooks = 30;

/// "http://localhost:3000/hooks → 200", one per destination.
QString destinationsOf(const Session::OutboundSummary &m)
{
    QStringList parts;
    for (qsizetype i = 0; i < m.destinations.size(); ++i) {
        const int status = m.finalStatuses.value(i, -1);
        const QString outcome = status > 0    ? QString::number(status)
                                : status == 0 ? m.finalOutcomes.value(i, MadeFromView::tr("no answer"))
                                              : MadeFromView::tr("not finished");
        parts << MadeFromView::tr("%1 → %2").arg(m.destinations.at(i), outcome);
    }
    return parts.join(QLatin1String("; "));
}

} // namespace

MadeFromView::MadeFromView(RequestDetail *detail, Capture::SessionController *sessions)
    : QWidget(detail)
    , m_detail(detail)
    , m_sessions(sessions)
    , m_note(new QLabel(this))
    , m_list(new QTreeWidget(this))
{
    setObjectName(QStringLiteral("madeFrom"));
    m_list->setObjectName(QStringLiteral("madeFromList"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels({tr("When"), tr("Kind"), tr("Destinations (final status)")});
    m_note->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_note);
    layout->addWidget(m_list, 1);
    detail->tabs()->addTab(this, tr("Replays && Forwards"));
    connect(detail, &RequestDetail::requestShown, this, &MadeFromView::load);
    load(0);
}

void MadeFromView::refreshIf(qint64 requestId)
{
    if (requestId == 0 || requestId != m_id)
        return;
    m_looksLeft = kLooks;
    m_atLeast = std::max(m_atLeast, int(m_list->topLevelItemCount())) + 1; // one more than known
    load(requestId);
}

void MadeFromView::load(qint64 id)
{
    if (id != m_id) {
        m_looksLeft = 0;
        m_atLeast = 0;
    }
    m_id = id;
    const quint64 generation = ++m_generation;
    if (id == 0) {
        show(0, generation, {}, {}, false);
        return;
    }
    QPointer<MadeFromView> self(this);
    const QString path = m_sessions->path();
    QThreadPool::globalInstance()->start([self, path, id, generation] {
        QList<QStringList> rows;
        QString error;
        bool unfinished = false;
        Session::SessionReader reader;
        const Session::SessionFile::Info info = reader.open(path);
        if (info.problem == Session::FileProblem::None) {
            for (const Session::OutboundSummary &m : reader.messagesMadeFrom(id)) {
                rows << QStringList{QDateTime::fromMSecsSinceEpoch(m.createdAtMs).toString(Qt::ISODateWithMs), m.kind,
                                    destinationsOf(m)};
                unfinished = unfinished || m.finalStatuses.contains(-1);
            }
        } else {
            error = info.error;
        }
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, id, generation, rows, error, unfinished] {
                if (self)
                    self->show(id, generation, rows, error, unfinished);
            },
            Qt::QueuedConnection);
    });
}

void MadeFromView::show(qint64 id, quint64 generation, const QList<QStringList> &rows, const QString &error,
                        bool unfinished)
{
    if (generation != m_generation)
        return;
    if ((unfinished || rows.size() < m_atLeast) && m_looksLeft > 0) {
        --m_looksLeft;
        QTimer::singleShot(kLookAgainMs, this, [this, id] {
            if (id == m_id)
                load(id);
        });
    }
    m_list->clear();
    for (const QStringList &row : rows)
        new QTreeWidgetItem(m_list, row);
    if (!error.isEmpty())
        m_note->setText(tr("Could not read what was sent from this request: %1").arg(error));
    else if (id == 0)
        m_note->setText(tr("Select a request to see its replays and forwards."));
    else if (rows.isEmpty())
        m_note->setText(tr("Not replayed or forwarded yet. Replay it with Capture ▸ Replay… (Ctrl+Shift+R)."));
    else
        m_note->setText(tr("Sent %n time(s) from this request:", nullptr, int(rows.size())));
    const int index = m_detail->tabs()->indexOf(this);
    m_detail->tabs()->setTabText(index, rows.isEmpty() ? tr("Replays && Forwards")
                                                       : tr("Replays && Forwards (%1)").arg(rows.size()));
}

} // namespace Gui
