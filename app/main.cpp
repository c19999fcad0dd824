#include "cli.h"
#include "mainwindow.h"
#include "settings.h"
#include "signalwatcher.h"
#include "translations.h"

#include <QApplication>

#include <sys/resource.h>

namespace {

/// A listener holds a descriptor per connection and its cap is 1024, which is also the usual soft
/// limit: raise the soft limit to the hard one, as servers do, so the cap is reached before the
/// process runs out of descriptors.
void raiseDescriptorLimit()
{
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
    }
}

} // namespace

int main(int argc, char **argv)
{
    raiseDescriptorLimit();
    if (Cli::isHeadless(argc, argv))
        return Cli::run(argc, argv);

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Hookscope"));
    QApplication::setOrganizationName(QStringLiteral("Hookscope"));
    QApplication::setApplicationVersion(QStringLiteral(HOOKSCOPE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.hookscope.Hookscope"));
    Gui::installTranslations();
    Gui::WindowOptions options;
    const Gui::Settings settings;
    options.address = settings.listenAddress();
    options.port = settings.listenPort();
    const QStringList args = QApplication::arguments();
    if (args.size() > 1)
        options.sessionPath = args.at(1);
    Cli::SignalWatcher signalWatcher; // SIGTERM and SIGINT close the window as the user would
    Gui::MainWindow window(options);
    QObject::connect(&signalWatcher, &Cli::SignalWatcher::terminationRequested, &window,
                     [] { QApplication::closeAllWindows(); });
    window.show();
    return QApplication::exec();
}
