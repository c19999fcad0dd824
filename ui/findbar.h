#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;

namespace Gui {

/**
 * The find line under the request's tabs: Enter finds the next match, Shift+Enter the previous,
 * Escape closes it. It only asks; the request detail decides which view searches and reports back.
 */
class FindBar : public QWidget
{
    Q_OBJECT

public:
    explicit FindBar(QWidget *parent = nullptr);

    QLineEdit *edit() const { return m_edit; }
    QString text() const;
    /// Shows the bar with its text selected, ready to type over.
    void open();
    void setResult(const QString &message, bool found);

Q_SIGNALS:
    void findRequested(const QString &text, bool forward);
    void closed();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QLineEdit *m_edit;
    QLabel *m_result;
};

} // namespace Gui
