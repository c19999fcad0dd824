// The sender panel's history and results panes: how they are laid out, what selecting in them
// shows, and accepting the certificate a destination failed on. Kept apart from senderpanel.cpp,
// which is about composing and sending.

#include "exchangeview.h"
#include "historymodel.h"
#include "repeatpanel.h"
#include "resultsmodel.h"
#include "senderpanel.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace Gui {

QWidget *SenderPanel::makeHistory()
{
    auto *box = new QWidget(this);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    m_historyEdit->setObjectName(QStringLiteral("historyFilter"));
    m_historyEdit->setPlaceholderText(tr("Filter sent messages"));
    m_historyEdit->setClearButtonEnabled(true);
    m_historyFilter->setSourceModel(m_history);
    m_historyFilter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_historyView->setModel(m_historyFilter);
    m_historyView->setObjectName(QStringLiteral("history"));
    // Every entry is two lines: without this the view measures every row at each insert, which
    // made a run of thousands of sends slower with each message.
    m_historyView->setUniformItemSizes(true);
    m_historyView->setToolTip(tr("Double-click to open a message again"));
    layout->addWidget(new QLabel(tr("Sent in this session"), box));
    layout->addWidget(m_historyEdit);
    layout->addWidget(m_historyView, 1);
    connect(m_historyEdit, &QLineEdit::textChanged, m_historyFilter, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_historyView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    showMessageResults(m_history->entry(m_historyFilter->mapToSource(current).row()).messageId);
            });
    connect(m_historyView, &QListView::activated, this, [this](const QModelIndex &index) {
        const HistoryModel::Entry &e = m_history->entry(m_historyFilter->mapToSource(index).row());
        openMessage(e.message);
        showMessageResults(e.messageId);
    });
    return box;
}

QWidget *SenderPanel::makeResults()
{
    m_resultsView->setObjectName(QStringLiteral("results"));
    m_resultsView->setModel(m_results);
    m_resultsView->verticalHeader()->hide();
    m_resultsView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_resultsView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_resultsView->horizontalHeader()->setStretchLastSection(true);
    m_resultsView->setColumnWidth(ResultsModel::Destination, 260);
    m_resultsView->setColumnWidth(ResultsModel::Attempt, 60);
    m_resultsView->setColumnWidth(ResultsModel::Time, 70);
    m_resultsView->setColumnWidth(ResultsModel::Error, 220);
    connect(m_resultsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    m_exchange->showAttempt(m_results->report(current.row()));
                else
                    m_exchange->clear();
                updateCertificateActions();
            });
    m_acceptCertificate->setObjectName(QStringLiteral("acceptCertificate"));
    m_forgetCertificates->setObjectName(QStringLiteral("forgetCertificates"));
    m_resultsView->addActions({m_acceptCertificate, m_forgetCertificates});
    m_resultsView->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_acceptCertificate, &QAction::triggered, this,
            [this] { acceptCertificate(m_resultsView->currentIndex().row()); });
    connect(m_forgetCertificates, &QAction::triggered, this,
            [this] { forgetCertificates(m_resultsView->currentIndex().row()); });
    connect(m_exchange, &ExchangeView::acceptCertificateClicked, m_acceptCertificate, &QAction::trigger);
    updateCertificateActions();
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_resultsView);
    split->addWidget(m_exchange);
    split->setStretchFactor(1, 2);
    // Repeat beside the results: starting a run shows it, sending once shows the results again.
    m_resultTabs = new QTabWidget(this);
    m_resultTabs->setObjectName(QStringLiteral("resultTabs"));
    m_resultTabs->setDocumentMode(true);
    m_resultTabs->addTab(split, tr("Results"));
    m_resultTabs->addTab(m_repeat, tr("Repeat"));
    connect(m_repeat, &RepeatPanel::started, this, [this] { m_resultTabs->setCurrentWidget(m_repeat); });
    return m_resultTabs;
}

namespace {

bool failedOnCertificate(const Http::ExchangeResult &e)
{
    return e.outcome == Http::ExchangeResult::Outcome::TlsFailed && !e.peerCertificateSha256.isEmpty();
}

} // namespace

void SenderPanel::updateCertificateActions()
{
    const int row = m_resultsView->currentIndex().row();
    const bool shown = row >= 0 && row < m_results->rowCount();
    const Http::ExchangeResult *e = shown ? &m_results->report(row).exchange : nullptr;
    const QList<QByteArray> pins = e ? m_pins.pins(CertificatePins::destinationOf(e->url)) : QList<QByteArray>();
    // Once accepted, the row's certificate needs no second acceptance, only a new send.
    m_acceptCertificate->setEnabled(e && failedOnCertificate(*e) && !pins.contains(e->peerCertificateSha256));
    m_exchange->acceptCertificateButton()->setEnabled(m_acceptCertificate->isEnabled());
    m_forgetCertificates->setEnabled(!pins.isEmpty());
}

bool SenderPanel::acceptCertificate(int row, Confirm confirm)
{
    if (row < 0 || row >= m_results->rowCount())
        return false;
    const Http::ExchangeResult e = m_results->report(row).exchange;
    if (!failedOnCertificate(e))
        return false;
    const QString destination = CertificatePins::destinationOf(e.url);
    if (confirm == Confirm::Ask && !confirmCertificate(destination, e))
        return false;
    m_pins.accept(destination, e.peerCertificateSha256);
    updateCertificateActions();
    showStatus(tr("Accepted the certificate of %1 (SHA-256 %2); send again to use it")
                   .arg(destination, ExchangeView::fingerprintText(e.peerCertificateSha256)));
    return true;
}

bool SenderPanel::confirmCertificate(const QString &destination, const Http::ExchangeResult &e)
{
    QMessageBox box(QMessageBox::Warning, tr("Accept this Certificate"),
                    tr("Trust this certificate for %1 from now on?").arg(destination), QMessageBox::NoButton, this);
    box.setInformativeText(tr("%1\n\nSHA-256 %2\n\nNot trusted because: %3\n\nOnly this exact certificate is "
                              "accepted; you can forget it from the results' menu.")
                               .arg(e.peerCertificateSubject, ExchangeView::fingerprintText(e.peerCertificateSha256),
                                    e.tlsErrors.join(QLatin1Char(' '))));
    QPushButton *accept = box.addButton(tr("&Accept"), QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == accept;
}

void SenderPanel::forgetCertificates(int row)
{
    if (row < 0 || row >= m_results->rowCount())
        return;
    const QString destination = CertificatePins::destinationOf(m_results->report(row).exchange.url);
    m_pins.forget(destination);
    updateCertificateActions();
    showStatus(tr("Forgot the certificates accepted for %1").arg(destination));
}

} // namespace Gui
