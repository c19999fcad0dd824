#pragma once

#include "session/capturedrequest.h"

#include <QDialog>

class QLabel;
class QTabWidget;

namespace Gui {

class CodeView;

/// Two requests side by side: request line and headers, and bodies pretty-printed, with the
/// lines that differ marked. Both sides scroll together; each is headed by its request's number
/// and time ("#12 · 14:03:07.123").
class DiffDialog : public QDialog
{
    Q_OBJECT

public:
    DiffDialog(Session::CapturedRequestPtr left, Session::CapturedRequestPtr right, QWidget *parent = nullptr);

    /// The texts compared, for tests: headers and bodies, left and right.
    QByteArray headersText(bool right) const;
    QByteArray bodyText(bool right) const;
    /// Line numbers marked as different on one side.
    QList<qsizetype> changedHeaderLines() const { return m_headerChanged; }
    QList<qsizetype> changedBodyLines() const { return m_bodyChanged; }

    /// What the diff shows of a request's head and body (pretty when the type allows).
    static QByteArray headText(const Session::CapturedRequest &r);
    static QByteArray bodyForDiff(const Session::CapturedRequest &r);
    /// The heading of a request's side: "#12 · 14:03:07.123" (local time).
    static QString caption(const Session::CapturedRequest &r);

private:
    QWidget *pair(CodeView *&left, CodeView *&right);
    QWidget *pane(CodeView *&view, const QString &caption, QWidget *parent);

    QString m_leftCaption;
    QString m_rightCaption;
    CodeView *m_headersLeft = nullptr;
    CodeView *m_headersRight = nullptr;
    CodeView *m_bodyLeft = nullptr;
    CodeView *m_bodyRight = nullptr;
    QList<qsizetype> m_headerChanged;
    QList<qsizetype> m_bodyChanged;
};

} // namespace Gui
