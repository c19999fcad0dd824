#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace Gui {

void installTranslations()
{
    const QString folder = QStringLiteral(":/i18n");
    // The sources are written in English. English goes in first, underneath: whatever the user's
    // language does not translate yet still gets the English plurals, not the "(s)" forms of the
    // source text. The user's language goes on top (the last installed is asked first).
    auto *english = new QTranslator(QCoreApplication::instance());
    QString englishFile;
    if (english->load(QStringLiteral("hookscope_en"), folder)) {
        englishFile = english->filePath();
        QCoreApplication::installTranslator(english);
    } else {
        delete english;
    }
    auto *own = new QTranslator(QCoreApplication::instance());
    if (!own->load(QLocale(), QStringLiteral("hookscope"), QStringLiteral("_"), folder) ||
        own->filePath() == englishFile) {
        delete own;
        return;
    }
    QCoreApplication::installTranslator(own);
    // Qt's own strings in the same language (dialog buttons, key names), where the system has them
    // (Debian: qt6-translations-l10n, which the package recommends).
    auto *qt = new QTranslator(QCoreApplication::instance());
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
}

} // namespace Gui
