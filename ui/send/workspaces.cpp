#include "workspaces.h"
#include "repeatpanel.h"
#include "senderpanel.h"
#include "sentsession.h"

#include "capture/capturecontrols.h"
#include "requestdetail.h"

#include <QAction>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QStackedWidget>
#include <QTabBar>
#include <QVBoxLayout>

namespace Gui {

Workspaces::Workspaces(QMainWindow *window, QWidget *captured, RequestDetail *detail, CaptureControls *capture,
                       SecretStore *store)
    : QWidget(window)
    , m_tabs(new QTabBar(this))
    , m_stack(new QStackedWidget(this))
    , m_panel(new SenderPanel(store, this))
{
    setObjectName(QStringLiteral("workspaces"));
    m_tabs->setObjectName(QStringLiteral("workspaceTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setExpanding(false);
    m_tabs->setFocusPolicy(Qt::NoFocus); // Ctrl+1 and Ctrl+2 switch; Tab stays within the workspace
    m_tabs->addTab(tr("Captured"));
    m_tabs->addTab(tr("Sender"));
    m_stack->addWidget(captured);
    m_stack->addWidget(m_panel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_tabs);
    layout->addWidget(m_stack, 1);

    auto *menu = new QMenu(tr("Se&nder"), window);
    const auto *help = window->findChild<QMenu *>(QStringLiteral("helpMenu")); // Help stays last
    window->menuBar()->insertMenu(help ? help->menuAction() : nullptr, menu);
    QAction *showCaptured =
        addAction(window, QStringLiteral("showCaptured"), tr("&Captured Requests"), QKeySequence(Qt::CTRL | Qt::Key_1));
    QAction *showSender =
        addAction(window, QStringLiteral("showSender"), tr("Se&nder"), QKeySequence(Qt::CTRL | Qt::Key_2));
    QAction *toSender =
        addAction(window, QStringLiteral("sendToSender"), tr("Send to Sende&r"), QKeySequence(Qt::CTRL | Qt::Key_E));
    toSender->setToolTip(tr("Open the selected captured request in the sender, exactly as it arrived"));
    menu->addAction(showCaptured);
    menu->addAction(showSender);
    menu->addSeparator();
    menu->addAction(toSender);
    menu->addSeparator();
    for (QAction *action : m_panel->panelActions()) {
        window->addAction(action); // shortcuts work with the menu bar hidden too
        menu->addAction(action);
        m_senderOnly.append(action);
    }
    menu->addMenu(m_panel->templatesMenu());

    connect(showCaptured, &QAction::triggered, this, [this] { show(Captured); });
    connect(showSender, &QAction::triggered, this, [this] { show(Sender); });
    connect(m_tabs, &QTabBar::currentChanged, this, [this](int index) { show(Index(index)); });
    connect(m_panel, &SenderPanel::sendingChanged, this, &Workspaces::updateActions);
    connect(m_panel->repeat(), &RepeatPanel::runningChanged, this, &Workspaces::updateActions);
    connect(toSender, &QAction::triggered, this, [this, detail] {
        if (const Session::CapturedRequestPtr request = detail->request()) {
            m_panel->openCaptured(*request);
            show(Sender);
        }
    });
    connect(capture, &CaptureControls::urlChanged, m_panel, &SenderPanel::setListenerUrl);
    new SentSession(m_panel, capture->engine()); // what is sent goes into the session file
    show(Captured);
    window->setCentralWidget(this);
}

QAction *Workspaces::addAction(QMainWindow *window, const QString &name, const QString &text, const QKeySequence &keys)
{
    auto *action = new QAction(text, window);
    action->setObjectName(name);
    action->setShortcut(keys);
    window->addAction(action);
    return action;
}

int Workspaces::current() const
{
    return m_stack->currentIndex();
}

void Workspaces::show(Index index)
{
    m_tabs->setCurrentIndex(index);
    m_stack->setCurrentIndex(index);
    updateActions();
}

void Workspaces::updateActions()
{
    // Ctrl+Enter sends only from the sender; Cancel only while something is being sent, Stop
    // only while repeating.
    for (QAction *action : std::as_const(m_senderOnly))
        action->setEnabled(current() == Sender && m_panel->isUsable(action));
}

} // namespace Gui
