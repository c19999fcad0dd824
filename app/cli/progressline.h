#pragma once

#include <QElapsedTimer>
#include <QString>

namespace Cli {

/// A progress bar on stderr for long work, drawn only when stderr is a terminal and at most ten
/// times a second, so it costs nothing in scripts.
class ProgressLine
{
public:
    explicit ProgressLine(QString label);
    ~ProgressLine();
    void update(qint64 done, qint64 total);
    /// Clears the line.
    void finish();

private:
    QString m_label;
    bool m_enabled;
    bool m_drawn = false;
    QElapsedTimer m_sinceDraw;
};

} // namespace Cli
