#include "filterbar.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QInputMethodEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QTextCharFormat>
#include <QTimer>

namespace Gui {

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent)
    , m_edit(new QLineEdit(this))
    , m_status(new QLabel(this))
    , m_pause(new QTimer(this))
{
    m_edit->setPlaceholderText(tr("Filter (Ctrl+F): text, method:POST status:>=400 path:/github* "
                                  "header:X-GitHub-Event=push body:\"main\" type:json rejected:yes"));
    m_edit->setClearButtonEnabled(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 2, 0, 2);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_status);
    m_pause->setSingleShot(true);
    m_pause->setInterval(200);
    connect(m_pause, &QTimer::timeout, this, &FilterBar::parseNow);
    connect(m_edit, &QLineEdit::textChanged, this, [this] { m_pause->start(); });
    connect(m_edit, &QLineEdit::returnPressed, this, &FilterBar::parseNow);
    m_edit->installEventFilter(this);
}

bool FilterBar::eventFilter(QObject *watched, QEvent *event)
{
    // Escape clears the filter, as in a search field; on an empty filter it hands the keyboard back.
    if (watched == m_edit && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape &&
        static_cast<QKeyEvent *>(event)->modifiers() == Qt::NoModifier) {
        if (m_edit->text().isEmpty())
            Q_EMIT leaveRequested();
        else
            setText(QString());
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void FilterBar::focusFilter()
{
    m_edit->setFocus(Qt::ShortcutFocusReason);
    m_edit->selectAll();
}

void FilterBar::setText(const QString &text)
{
    m_edit->setText(text);
    parseNow();
}

QString FilterBar::errorText() const
{
    return m_error;
}

void FilterBar::markError(qsizetype start, qsizetype length)
{
    // QLineEdit draws formats that an input method supplies; that is the way to underline a range.
    QList<QInputMethodEvent::Attribute> attributes;
    if (length > 0) {
        QTextCharFormat format;
        format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        format.setUnderlineColor(QColor(0xc0, 0x39, 0x2b));
        attributes.append(QInputMethodEvent::Attribute(QInputMethodEvent::TextFormat,
                                                       int(start - m_edit->cursorPosition()), int(length), format));
    }
    QInputMethodEvent event(QString(), attributes);
    QCoreApplication::sendEvent(m_edit, &event);
}

void FilterBar::setCustomColumns(const Session::CustomColumns &columns)
{
    m_columns = columns;
    if (m_edit->text().contains(QLatin1String("col:"), Qt::CaseInsensitive)) {
        m_lastApplied.clear(); // the same text may mean another filter now
        parseNow();
    }
}

void FilterBar::parseNow()
{
    m_pause->stop();
    const QString text = m_edit->text();
    Session::FilterError error;
    const Session::Filter filter = Session::Filter::parse(text, m_columns, &error);
    if (!error.isNull()) {
        m_error = error.message;
        m_status->setText(QStringLiteral("<span style='color:#c0392b'>%1</span>").arg(error.message.toHtmlEscaped()));
        markError(error.start, qMax<qsizetype>(1, error.length));
        return; // the table keeps the last good filter
    }
    m_error.clear();
    m_status->clear();
    markError(0, 0);
    if (text == m_lastApplied)
        return;
    m_lastApplied = text;
    Q_EMIT filterChanged(filter);
}

void FilterBar::setProgress(qint64 done, qint64 total)
{
    if (!m_error.isEmpty())
        return;
    m_status->setText(total > 0 && done < total ? tr("searching headers and bodies… %1%").arg(int(100 * done / total))
                                                : QString());
}

} // namespace Gui
