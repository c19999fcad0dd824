#include "templatelibrary.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>

namespace Gui {

namespace {

const QByteArray kDestination = "# destination:";

/// "GitHub push (staging)" → "github-push-staging": a file name that any file system takes.
QString fileNameFor(const QString &name)
{
    QString id;
    for (const QChar c : name.toLower()) {
        if ((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9'))
            id += c;
        else if (!id.isEmpty() && !id.endsWith(u'-'))
            id += u'-';
    }
    while (id.endsWith(u'-'))
        id.chop(1);
    return (id.isEmpty() ? QStringLiteral("template") : id) + QStringLiteral(".http");
}

} // namespace

TemplateLibrary::TemplateLibrary(const QString &folder)
    : m_folder(folder.isEmpty()
                   ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/templates")
                   : folder)
{
}

QList<TemplateLibrary::Saved> TemplateLibrary::userTemplates() const
{
    QList<Saved> out;
    const QDir dir(m_folder);
    for (const QString &file : dir.entryList({QStringLiteral("*.http")}, QDir::Files)) {
        QFile f(dir.filePath(file));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray text = f.readAll();
        Saved saved;
        QString error;
        if (!Delivery::Template::parse(file.chopped(5), text, &saved.t, &error)) {
            qWarning("template %s: %s", qUtf8Printable(f.fileName()), qUtf8Printable(error));
            continue;
        }
        for (const QByteArray &line : text.split('\n')) {
            if (!line.startsWith('#'))
                break;
            if (line.startsWith(kDestination))
                saved.destinations.append(QUrl::fromEncoded(line.sliced(kDestination.size()).trimmed()));
        }
        saved.path = f.fileName();
        out.append(saved);
    }
    std::sort(out.begin(), out.end(), [](const Saved &a, const Saved &b) { return a.t.name < b.t.name; });
    return out;
}

QByteArray TemplateLibrary::toHttp(const Delivery::Template &t, const QList<QUrl> &destinations)
{
    QByteArray out = "# name: " + t.name.simplified().toUtf8() + '\n';
    if (!t.sign.isEmpty())
        out += "# sign: " + t.sign.toUtf8() + '\n';
    for (const QUrl &url : destinations)
        out += kDestination + ' ' + url.toEncoded() + '\n';
    out += t.method + ' ' + (t.path.isEmpty() ? QByteArray("/") : t.path) + '\n';
    for (const auto &[name, value] : t.headers)
        out += name + ": " + value + '\n';
    return out + '\n' + t.body + '\n';
}

QString TemplateLibrary::save(const QString &name, const Delivery::Message &message, QString *error) const
{
    if (!message.bodyFile.isEmpty()) {
        *error = tr("A template cannot keep a file as its body");
        return {};
    }
    Delivery::Template t;
    t.name = name;
    t.sign = message.signScheme;
    t.method = message.method;
    if (!message.destinations.isEmpty())
        t.path =
            message.destinations.first().toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    t.headers = message.headers;
    t.body = message.body;
    if (!QDir().mkpath(m_folder)) {
        *error = tr("Cannot make the folder %1").arg(QDir::toNativeSeparators(m_folder));
        return {};
    }
    const QString path = QDir(m_folder).filePath(fileNameFor(name));
    QSaveFile file(path);
    const QByteArray text = toHttp(t, message.destinations);
    if (!file.open(QIODevice::WriteOnly) || file.write(text) != text.size() || !file.commit()) {
        *error = QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
        return {};
    }
    return path;
}

} // namespace Gui
