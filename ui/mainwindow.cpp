#include "mainwindow.h"
#include "requesttablemodel.h"
#include "settings.h"

#include "capture/captureengine.h"
#include "capture/sessioncontroller.h"
#include "session/sessionfile.h"
#include "session/sessionreader.h"
#include "session/summarystore.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTableView>

namespace Ui {

MainWindow::MainWindow(const WindowOptions &options, QWidget *parent)
    : QMainWindow(parent)
    , m_options(options)
    , m_engine(new Capture::CaptureEngine(this))
    , m_sessions(new Capture::SessionController(m_engine, this))
    , m_model(new RequestTableModel(this))
    , m_table(new QTableView(this))
    , m_urlLabel(new QLabel(this))
    , m_sessionLabel(new QLabel(this))
    , m_countLabel(new QLabel(this))
{
    setWindowTitle(tr("Hookscope"));
    resize(1100, 650);
    m_loader.setMaxThreadCount(1);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(RequestTableModel::Target, 320);
    setCentralWidget(m_table);

    m_urlLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_urlLabel->setText(tr("Opening the session…"));
    m_sessionLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    statusBar()->addWidget(m_urlLabel, 1);
    statusBar()->addPermanentWidget(m_sessionLabel);
    statusBar()->addPermanentWidget(m_countLabel);
    updateCount();
    createMenus();

    connect(m_engine, &Capture::CaptureEngine::started, this,
            [this](const QUrl &url) { m_urlLabel->setText(tr("Listening on %1").arg(url.toString())); });
    connect(m_engine, &Capture::CaptureEngine::failed, this,
            [this](const QString &error) { m_urlLabel->setText(tr("Not listening: %1").arg(error)); });
    connect(m_engine, &Capture::CaptureEngine::captured, this, [this](const Session::CapturedBatch &batch) {
        if (m_loading) {
            m_liveWhileLoading += batch;
            return;
        }
        m_model->append(batch);
        updateCount();
    });
    connect(m_sessions, &Capture::SessionController::sessionChanged, this, &MainWindow::onSessionChanged);
    connect(m_sessions, &Capture::SessionController::failed, this, &MainWindow::showError);
    connect(m_sessions, &Capture::SessionController::busyChanged, this, [this](bool busy, const QString &what) {
        if (busy)
            statusBar()->showMessage(what);
        else
            statusBar()->clearMessage();
    });

    // The session first, then the listener: nothing arrives before there is a file to keep it.
    if (options.sessionPath.isEmpty())
        m_sessions->startScratch();
    else
        m_sessions->open(options.sessionPath);
}

MainWindow::~MainWindow()
{
    m_loader.waitForDone();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newAction = file->addAction(tr("&New Session"), this, &MainWindow::newSession);
    newAction->setShortcut(QKeySequence::New);
    QAction *open = file->addAction(tr("&Open Session…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Session"), QDir::homePath(),
                                                          tr("Hookscope sessions (*.hookscope)"));
        if (!path.isEmpty())
            openSession(path);
    });
    open->setShortcut(QKeySequence::Open);
    QAction *saveAs = file->addAction(tr("&Save Session As…"), this, [this] {
        QString path = QFileDialog::getSaveFileName(this, tr("Save Session As"), QDir::homePath(),
                                                    tr("Hookscope sessions (*.hookscope)"));
        if (path.isEmpty())
            return;
        if (!path.endsWith(Session::SessionFile::extension()))
            path += Session::SessionFile::extension();
        saveSessionAs(path);
    });
    saveAs->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_S));
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *capture = menuBar()->addMenu(tr("&Capture"));
    QAction *durable = capture->addAction(tr("&Durable Answers"));
    durable->setCheckable(true);
    durable->setChecked(Settings().get(Settings::DurableAnswers));
    durable->setToolTip(tr("Answer each request only once it is safely in the session file. Off: answer first, "
                           "save right after (a crash can lose answered requests)."));
    connect(durable, &QAction::toggled, this, [this](bool on) {
        Settings().set(Settings::DurableAnswers, on);
        m_engine->setFastAck(!on);
    });
}

void MainWindow::openSession(const QString &path)
{
    m_sessions->open(path);
}

void MainWindow::saveSessionAs(const QString &path)
{
    m_sessions->saveAs(path);
}

void MainWindow::newSession()
{
    m_sessions->newSession();
}

void MainWindow::showError(const QString &message)
{
    m_lastError = message;
    statusBar()->showMessage(message, 15000);
    if (isVisible() && !qEnvironmentVariableIsSet("HOOKSCOPE_NO_DIALOGS"))
        QMessageBox::warning(this, tr("Hookscope"), message);
}

void MainWindow::onSessionChanged(const QString &path, bool scratch, bool resumed)
{
    const QString name = scratch ? tr("Unsaved session") : QFileInfo(path).fileName();
    setWindowTitle(tr("%1 — Hookscope").arg(name));
    m_sessionLabel->setText(QDir::toNativeSeparators(path));
    m_sessionLabel->setToolTip(scratch ? tr("Kept automatically until you save it elsewhere (File ▸ Save Session "
                                            "As)")
                                       : QString());
    if (resumed)
        statusBar()->showMessage(tr("Continuing your unsaved session. File ▸ New Session starts an empty one."), 15000);
    reloadTable(path);
    if (!m_listenerStarted) {
        m_listenerStarted = true;
        Capture::ListenConfig config;
        config.port = m_options.port;
        config.portAttempts = m_options.portAttempts;
        config.fallbackToAnyPort = true; // the session is already open: the controller opened it
        config.fastAck = !Settings().get(Settings::DurableAnswers);
        m_engine->start(config);
    }
}

void MainWindow::reloadTable(const QString &path)
{
    // Load on a pool thread; rows captured meanwhile wait and are added after, without doubles.
    const int generation = ++m_loadGeneration;
    m_loading = true;
    m_liveWhileLoading.clear();
    m_model->clear();
    updateCount();
    m_loader.start([this, path, generation] {
        auto store = std::make_shared<Session::SummaryStore>();
        Session::SessionReader reader;
        QString error;
        const Session::SessionFile::Info info = reader.open(path);
        if (info.problem != Session::FileProblem::None)
            error = info.error;
        else if (!reader.loadSummaries(*store))
            error = tr("%1: %2").arg(QDir::toNativeSeparators(path), reader.error());
        QMetaObject::invokeMethod(this, [this, generation, store, error] { onLoaded(generation, store, error); });
    });
}

void MainWindow::onLoaded(int generation, std::shared_ptr<Session::SummaryStore> store, const QString &error)
{
    if (generation != m_loadGeneration)
        return; // a newer load is under way
    m_loading = false;
    if (!error.isEmpty())
        showError(error);
    auto owned = std::make_unique<Session::SummaryStore>(std::move(*store));
    m_model->setStore(std::move(owned));
    m_model->append(m_liveWhileLoading);
    m_liveWhileLoading.clear();
    updateCount();
}

void MainWindow::updateCount()
{
    m_countLabel->setText(tr("%n request(s)", nullptr, m_model->rowCount()));
}

QString MainWindow::statusText() const
{
    return m_urlLabel->text();
}

} // namespace Ui
