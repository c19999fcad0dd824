#pragma once

#include <QHash>
#include <QStringList>
#include <QWidget>

class QHBoxLayout;
class QTableWidget;
class QTableWidgetItem;

namespace Gui {

/**
 * An editable list of rows under a small bar of buttons (add, remove, up, down): the panel's
 * destinations, headers, form fields, multipart parts and variables. Rows keep their order and
 * may repeat; with `checkable`, the first column is a check box that switches a row off without
 * deleting it. A row has a kind (an int the owner gives meaning to); rows of a read-only kind
 * are shown greyed and cannot be edited or moved.
 */
class RowTable : public QWidget
{
    Q_OBJECT

public:
    RowTable(const QStringList &columns, bool checkable, QWidget *parent = nullptr);

    int rowCount() const;
    /// Appends (or inserts at `at`) a row of `cells`; returns its index.
    int addRow(const QStringList &cells, bool enabled = true, int kind = 0, int at = -1);
    void removeRow(int row);
    void clearRows();
    /// Moves a row up (-1) or down (+1); false at either end.
    bool moveRow(int row, int delta);

    QString cell(int row, int column) const;
    void setCell(int row, int column, const QString &text);
    bool isEnabled(int row) const;
    void setEnabled(int row, bool enabled);
    int kind(int row) const;
    void setKind(int row, int kind);
    /// Rows of this kind are greyed, read-only and stay where they are.
    void setReadOnlyKind(int kind) { m_readOnlyKind = kind; }
    /// What hovering a row of this kind says.
    void setKindToolTip(int kind, const QString &tip) { m_kindTips.insert(kind, tip); }
    int columnCount() const { return int(m_columns.size()); }

    QTableWidget *table() const { return m_table; }
    /// The button bar, for owners that add buttons of their own.
    QHBoxLayout *buttons() const { return m_buttons; }

Q_SIGNALS:
    /// Any edit: a row added, removed, moved, switched or a cell typed into.
    void changed();
    /// The user typed into a cell (not a programmatic change).
    void cellEdited(int row, int column);

private:
    int tableColumn(int column) const { return column + (m_checkable ? 1 : 0); }
    QTableWidgetItem *item(int row, int column) const;
    void styleRow(int row);

    QStringList m_columns;
    bool m_checkable;
    int m_readOnlyKind = -1;
    QHash<int, QString> m_kindTips;
    int m_updating = 0;
    QTableWidget *m_table;
    QHBoxLayout *m_buttons;
};

} // namespace Gui
