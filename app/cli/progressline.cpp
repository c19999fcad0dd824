#include "progressline.h"
#include "terminal.h"

#include <cstdio>
#include <unistd.h>

namespace Cli {

ProgressLine::ProgressLine(QString label)
    : m_label(std::move(label))
    , m_enabled(isTerminal(STDERR_FILENO))
{
    m_sinceDraw.start();
}

ProgressLine::~ProgressLine()
{
    finish();
}

void ProgressLine::update(qint64 done, qint64 total)
{
    if (!m_enabled || (m_drawn && m_sinceDraw.elapsed() < 100))
        return;
    m_sinceDraw.restart();
    m_drawn = true;
    constexpr int width = 30;
    const double fraction = total > 0 ? qBound(0.0, double(done) / double(total), 1.0) : 0.0;
    const int filled = int(fraction * width);
    const QString bar = QString(filled, QLatin1Char('#')) + QString(width - filled, QLatin1Char('.'));
    std::fprintf(stderr, "\r%s [%s] %3d%%  %lld/%lld", qUtf8Printable(m_label), qUtf8Printable(bar),
                 int(fraction * 100), done, total);
    std::fflush(stderr);
}

void ProgressLine::finish()
{
    if (m_drawn) {
        std::fputs("\r\033[K", stderr);
        std::fflush(stderr);
        m_drawn = false;
    }
}

} // namespace Cli
