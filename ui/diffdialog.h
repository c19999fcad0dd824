#pragma once

#include "session/capturedrequest.h"

#include <QDialog>

class QLabel;
class QTabWidget;

namespace Gui {

class CodeView;

/// Two requests side by side: request line and headers, and bodies pretty-printed, with the
/// lines that differ marked. Both sides scroll together.
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

private:
    QWidget *pair(CodeView *&left, CodeView *&right);

    CodeView *m_headersLeft = nullptr;
    CodeView *m_headersRight = nullptr;
    CodeView *m_bodyLeft = nullptr;
    CodeView *m_bodyRight = nullptr;
    QList<qsizetype> m_headerChanged;
    QList<qsizetype> m_bodyChanged;
};

} // namespace Gui
