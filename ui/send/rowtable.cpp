#include "rowtable.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPalette>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace Gui {

namespace {
constexpr int kKindRole = Qt::UserRole + 1;
}

RowTable::RowTable(const QStringList &columns, bool checkable, QWidget *parent)
    : QWidget(parent)
    , m_columns(columns)
    , m_checkable(checkable)
    , m_table(new QTableWidget(0, int(columns.size()) + (checkable ? 1 : 0), this))
    , m_buttons(new QHBoxLayout)
{
    QStringList labels = columns;
    if (checkable)
        labels.prepend(QString());
    m_table->setHorizontalHeaderLabels(labels);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setWordWrap(false);
    if (checkable)
        m_table->setColumnWidth(0, 28);
    for (int c = 0; c + 1 < int(columns.size()); ++c)
        m_table->setColumnWidth(tableColumn(c), 200);

    const auto button = [this](const QString &text, const QString &tip, auto slot) {
        auto *b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        connect(b, &QToolButton::clicked, this, slot);
        m_buttons->addWidget(b);
        return b;
    };
    button(tr("+"), tr("Add a row"), [this] {
        const int row = addRow(QStringList(m_columns.size(), QString()));
        m_table->setCurrentCell(row, tableColumn(0));
        m_table->editItem(item(row, 0));
    });
    button(tr("−"), tr("Remove the selected row"), [this] {
        const int row = m_table->currentRow();
        if (row >= 0 && kind(row) != m_readOnlyKind)
            removeRow(row);
    });
    button(tr("↑"), tr("Move the selected row up"), [this] { moveRow(m_table->currentRow(), -1); });
    button(tr("↓"), tr("Move the selected row down"), [this] { moveRow(m_table->currentRow(), 1); });
    m_buttons->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addLayout(m_buttons);
    layout->addWidget(m_table, 1);

    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *changedItem) {
        if (m_updating)
            return;
        const int column = changedItem->column() - (m_checkable ? 1 : 0);
        if (column >= 0)
            Q_EMIT cellEdited(changedItem->row(), column);
        Q_EMIT changed();
    });
}

int RowTable::rowCount() const
{
    return m_table->rowCount();
}

int RowTable::addRow(const QStringList &cells, bool enabled, int kind, int at)
{
    ++m_updating;
    const int row = at < 0 || at > rowCount() ? rowCount() : at;
    m_table->insertRow(row);
    if (m_checkable) {
        auto *check = new QTableWidgetItem;
        check->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        check->setCheckState(enabled ? Qt::Checked : Qt::Unchecked);
        m_table->setItem(row, 0, check);
    }
    for (int c = 0; c < int(m_columns.size()); ++c)
        m_table->setItem(row, tableColumn(c), new QTableWidgetItem(cells.value(c)));
    m_table->item(row, 0)->setData(kKindRole, kind);
    styleRow(row);
    --m_updating;
    Q_EMIT changed();
    return row;
}

void RowTable::removeRow(int row)
{
    if (row < 0 || row >= rowCount())
        return;
    m_table->removeRow(row);
    Q_EMIT changed();
}

void RowTable::clearRows()
{
    m_table->setRowCount(0);
    Q_EMIT changed();
}

bool RowTable::moveRow(int row, int delta)
{
    const int to = row + delta;
    if (row < 0 || row >= rowCount() || to < 0 || to >= rowCount() || kind(row) == m_readOnlyKind ||
        kind(to) == m_readOnlyKind)
        return false;
    ++m_updating;
    for (int c = 0; c < m_table->columnCount(); ++c) {
        QTableWidgetItem *a = m_table->takeItem(row, c);
        QTableWidgetItem *b = m_table->takeItem(to, c);
        m_table->setItem(row, c, b);
        m_table->setItem(to, c, a);
    }
    --m_updating;
    m_table->setCurrentCell(to, m_table->currentColumn());
    Q_EMIT changed();
    return true;
}

QTableWidgetItem *RowTable::item(int row, int column) const
{
    return m_table->item(row, tableColumn(column));
}

QString RowTable::cell(int row, int column) const
{
    const QTableWidgetItem *i = item(row, column);
    return i ? i->text() : QString();
}

void RowTable::setCell(int row, int column, const QString &text)
{
    if (QTableWidgetItem *i = item(row, column); i && i->text() != text) {
        ++m_updating;
        i->setText(text);
        --m_updating;
        Q_EMIT changed();
    }
}

bool RowTable::isEnabled(int row) const
{
    return !m_checkable || m_table->item(row, 0)->checkState() == Qt::Checked;
}

void RowTable::setEnabled(int row, bool enabled)
{
    if (m_checkable)
        m_table->item(row, 0)->setCheckState(enabled ? Qt::Checked : Qt::Unchecked);
}

int RowTable::kind(int row) const
{
    const QTableWidgetItem *first = m_table->item(row, 0);
    return first ? first->data(kKindRole).toInt() : 0;
}

void RowTable::setKind(int row, int kind)
{
    ++m_updating;
    m_table->item(row, 0)->setData(kKindRole, kind);
    styleRow(row);
    --m_updating;
}

void RowTable::styleRow(int row)
{
    const bool readOnly = kind(row) == m_readOnlyKind;
    const QBrush grey = palette().brush(QPalette::Disabled, QPalette::Text);
    for (int c = 0; c < m_table->columnCount(); ++c) {
        QTableWidgetItem *i = m_table->item(row, c);
        if (!i)
            continue;
        if (readOnly) {
            i->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            i->setForeground(grey);
        } else if (c >= (m_checkable ? 1 : 0)) {
            i->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable);
        }
        i->setToolTip(m_kindTips.value(kind(row)));
    }
}

} // namespace Gui
