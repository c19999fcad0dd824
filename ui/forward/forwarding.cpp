#include "forwarding.h"
#include "forwardrulesdialog.h"
#include "forwardrulesjson.h"

#include "capture/captureengine.h"
#include "requesttablemodel.h"
#include "session/sessionreader.h"
#include "settings.h"

#include <QAction>
#include <QCoreApplication>
#include <QKeySequence>
#include <QLabel>
#include <QPointer>
#include <QStatusBar>
#include <QTableView>
#include <QThreadPool>

namespace Gui {

Forwarding::Forwarding(Capture::CaptureEngine *engine, RequestTableModel *model, QTableView *table,
                       QStatusBar *statusBar, QWidget *window, QSettings *backend)
    : QObject(window)
    , m_engine(engine)
    , m_model(model)
    , m_table(table)
    , m_window(window)
    , m_backend(backend)
    , m_action(new QAction(tr("&Forwarding Rules…"), this))
    , m_badge(new QLabel(statusBar))
{
    m_action->setObjectName(QStringLiteral("forwarding"));
    m_action->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_F));
    connect(m_action, &QAction::triggered, this, [this] {
        auto *dialog = new ForwardRulesDialog(m_rules, m_window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &ForwardRulesDialog::applied, this, &Forwarding::apply);
        dialog->open();
    });
    statusBar->addPermanentWidget(m_badge);
    if (!ForwardRulesJson::fromJson(Settings(m_backend).get(Settings::ForwardRules), &m_rules, &m_loadProblem))
        statusBar->showMessage(m_loadProblem);
    m_engine->setForwardRules(m_rules);
    connect(m_engine, &Capture::CaptureEngine::forwarded, this,
            [this](qint64 id, const QList<Capture::ForwardResult> &results) {
                QList<int> statuses;
                for (const Capture::ForwardResult &r : results)
                    statuses << r.status;
                m_model->setForwardStatus(id, statuses);
                showState();
            });
    connect(m_engine, &Capture::CaptureEngine::sessionOpened, this, &Forwarding::loadStatuses);
    showState();
}

void Forwarding::apply(const Capture::ForwardRules &rules)
{
    m_rules = rules;
    m_loadProblem.clear();
    Settings(m_backend).set(Settings::ForwardRules, ForwardRulesJson::toJson(rules));
    m_engine->setForwardRules(rules);
    showState();
}

void Forwarding::showState()
{
    QStringList on;
    for (const Capture::ForwardRule &r : m_rules.rules) {
        if (!r.enabled)
            continue;
        for (const QUrl &url : r.destinations)
            on << url.toString();
    }
    m_badge->setText(tr("Forwarding → %1").arg(on.value(0)) +
                     (on.size() > 1 ? tr(" (+%n more)", nullptr, int(on.size() - 1)) : QString()));
    m_badge->setToolTip(tr("Captured requests are forwarded to:\n%1").arg(on.join(QLatin1Char('\n'))));
    m_badge->setVisible(!on.isEmpty());
    m_table->setColumnHidden(RequestTableModel::Forwarded, on.isEmpty() && !m_model->hasForwards());
}

void Forwarding::loadStatuses(const QString &sessionPath)
{
    const quint64 generation = ++m_generation;
    QPointer<Forwarding> self(this);
    QThreadPool::globalInstance()->start([self, sessionPath, generation] {
        Session::SessionReader reader;
        QHash<qint64, QList<int>> statuses;
        if (reader.open(sessionPath).problem == Session::FileProblem::None)
            statuses = reader.forwardStatuses();
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, statuses, generation] {
                if (!self || generation != self->m_generation)
                    return;
                self->m_model->setForwardStatuses(statuses);
                self->showState();
            },
            Qt::QueuedConnection);
    });
}

} // namespace Gui
