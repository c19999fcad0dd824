#include "cli.h"
#include "mainwindow.h"

#include <QApplication>

int main(int argc, char **argv)
{
    if (Cli::isHeadless(argc, argv))
        return Cli::run(argc, argv);

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Hookscope"));
    QApplication::setOrganizationName(QStringLiteral("Hookscope"));
    QApplication::setApplicationVersion(QStringLiteral(HOOKSCOPE_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("hookscope"));
    Ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
