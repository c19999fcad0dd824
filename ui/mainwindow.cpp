#include "mainwindow.h"
#include "requesttablemodel.h"

#include "capture/captureengine.h"

#include <QHeaderView>
#include <QLabel>
#include <QStatusBar>
#include <QTableView>

namespace Ui {

MainWindow::MainWindow(const WindowOptions &options, QWidget *parent)
    : QMainWindow(parent)
    , m_engine(new Capture::CaptureEngine(this))
    , m_model(new RequestTableModel(this))
    , m_table(new QTableView(this))
    , m_urlLabel(new QLabel(this))
    , m_countLabel(new QLabel(this))
{
    setWindowTitle(tr("Hookscope"));
    resize(1100, 650);

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setColumnWidth(RequestTableModel::Target, 320);
    setCentralWidget(m_table);

    m_urlLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_urlLabel->setText(tr("Starting listener…"));
    statusBar()->addWidget(m_urlLabel, 1);
    statusBar()->addPermanentWidget(m_countLabel);
    m_countLabel->setText(tr("%n request(s)", nullptr, 0));

    connect(m_engine, &Capture::CaptureEngine::started, this,
            [this](const QUrl &url) { m_urlLabel->setText(tr("Listening on %1").arg(url.toString())); });
    connect(m_engine, &Capture::CaptureEngine::failed, this,
            [this](const QString &error) { m_urlLabel->setText(tr("Not listening: %1").arg(error)); });
    connect(m_engine, &Capture::CaptureEngine::captured, this, [this](const Session::CapturedBatch &batch) {
        m_model->append(batch);
        m_countLabel->setText(tr("%n request(s)", nullptr, m_model->rowCount()));
    });

    Capture::ListenConfig config;
    config.port = options.port;
    config.portAttempts = options.portAttempts;
    config.fallbackToAnyPort = true;
    m_engine->start(config);
}

MainWindow::~MainWindow() = default;

QString MainWindow::statusText() const
{
    return m_urlLabel->text();
}

} // namespace Ui
