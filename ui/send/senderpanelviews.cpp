// The sender panel's history and results panes: how they are laid out and what selecting in
// them shows. Kept apart from senderpanel.cpp, which is about composing and sending.

#include "exchangeview.h"
#include "historymodel.h"
#include "resultsmodel.h"
#include "senderpanel.h"

#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QSortFilterProxyModel>
#include <QSplitter>
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
            });
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_resultsView);
    split->addWidget(m_exchange);
    split->setStretchFactor(1, 2);
    return split;
}

} // namespace Gui
