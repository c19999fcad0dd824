#include "translations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

namespace Gui {

void installTranslations()
{
    const QString folder = QStringLiteral(":/i18n");
    auto *translator = new QTranslator(QCoreApplication::instance());
    // The sources are written in English: a language without its own translation still wants the
    // English plurals, not the "(s)" forms of the source text.
    if (translator->load(QLocale(), QStringLiteral("hookscope"), QStringLiteral("_"), folder) ||
        translator->load(QStringLiteral("hookscope_en"), folder))
        QCoreApplication::installTranslator(translator);
    else
        delete translator;
}

} // namespace Gui
