#pragma once

#include "delivery/sender.h"
#include "delivery/template.h"

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QUrl>

namespace Gui {

/**
 * The templates the Templates menu offers: Hookscope's own (Delivery::Template::builtIn()) and
 * the user's, saved from the panel as .http files in the same format (one per template, in the
 * app's data folder under "templates"), with `# destination: URL` lines for where it was sent.
 */
class TemplateLibrary
{
    Q_DECLARE_TR_FUNCTIONS(Gui::TemplateLibrary)

public:
    struct Saved
    {
        Delivery::Template t;
        QList<QUrl> destinations;
        QString path;
    };

    /// `folder` empty: <AppDataLocation>/templates.
    explicit TemplateLibrary(const QString &folder = {});

    QString folder() const { return m_folder; }
    /// The user's templates, sorted by name; files that do not parse are skipped with a warning.
    QList<Saved> userTemplates() const;
    /// Writes `message` as a template named `name` (replacing one of that name); returns the file's
    /// path, or empty with `error` set.
    QString save(const QString &name, const Delivery::Message &message, QString *error) const;

    /// The .http text of a template (as Delivery::Template::parse reads it).
    static QByteArray toHttp(const Delivery::Template &t, const QList<QUrl> &destinations = {});

private:
    QString m_folder;
};

} // namespace Gui
