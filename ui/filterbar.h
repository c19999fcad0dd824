#pragma once

#include "filter/filter.h"

#include <QWidget>

class QLabel;
class QLineEdit;
class QTimer;

namespace Gui {

/// The filter line above the table. Parses as the user types (after a short pause), underlines
/// what is wrong with a sentence beside it, and hands on valid filters only.
class FilterBar : public QWidget
{
    Q_OBJECT

public:
    explicit FilterBar(QWidget *parent = nullptr);

    QLineEdit *edit() const { return m_edit; }
    /// Applies `text` now, without the typing pause (tests, restoring a filter).
    void setText(const QString &text);
    QString errorText() const;
    /// Shows how far the search through bodies and headers has got; total 0 hides it.
    void setProgress(qint64 done, qint64 total);
    void focusFilter();
    /// The table's custom columns, which col: terms name; a filter naming one applies again.
    void setCustomColumns(const Session::CustomColumns &columns);

Q_SIGNALS:
    void filterChanged(const Session::Filter &filter);
    /// Escape on an empty filter: the user is done here.
    void leaveRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void parseNow();
    void markError(qsizetype start, qsizetype length);

    QLineEdit *m_edit;
    QLabel *m_status;
    QTimer *m_pause;
    QString m_lastApplied;
    QString m_error;
    Session::CustomColumns m_columns;
};

} // namespace Gui
