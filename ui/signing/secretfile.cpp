#include "secretfile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>

#include <cstdio>

#ifdef Q_OS_UNIX
#include <unistd.h>
#endif

namespace Gui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Gui::SecretFile", text);
}

/// Puts `from` in the place of `to` in one step where the system can (POSIX rename replaces).
bool replaceFile(const QString &from, const QString &to)
{
#ifdef Q_OS_UNIX
    return std::rename(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) == 0;
#else
    QFile::remove(to);
    return QFile::rename(from, to);
#endif
}

} // namespace

SecretFile::SecretFile(QString path)
    : m_path(std::move(path))
{
}

QString SecretFile::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) + QLatin1String("/signing-secrets.json");
}

bool SecretFile::exists() const
{
    return QFileInfo::exists(m_path);
}

bool SecretFile::read(QHash<QString, QByteArray> *secrets, QString *error) const
{
    secrets->clear();
    QFile file(m_path);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read %1: %2").arg(QDir::toNativeSeparators(m_path), file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject()) {
        *error = tr("%1 is damaged (%2); its secrets were not read.")
                     .arg(QDir::toNativeSeparators(m_path), parseError.errorString());
        return false;
    }
    const QJsonObject stored = document.object().value(QLatin1String("secrets")).toObject();
    for (auto it = stored.begin(); it != stored.end(); ++it)
        secrets->insert(it.key(), QByteArray::fromBase64(it.value().toString().toLatin1()));
    return true;
}

bool SecretFile::write(const QHash<QString, QByteArray> &secrets, QString *error) const
{
    if (secrets.isEmpty())
        return remove(error);
    QJsonObject stored;
    for (auto it = secrets.begin(); it != secrets.end(); ++it)
        stored.insert(it.key(), QString::fromLatin1(it.value().toBase64()));
    const QByteArray bytes =
        QJsonDocument(QJsonObject{{QLatin1String("version"), 1}, {QLatin1String("secrets"), stored}})
            .toJson(QJsonDocument::Indented);

    if (!QDir().mkpath(QFileInfo(m_path).absolutePath())) {
        *error = tr("Cannot make the folder for %1.").arg(QDir::toNativeSeparators(m_path));
        return false;
    }
    const QString temporary = m_path + QLatin1String(".new");
    QFile::remove(temporary); // left by a crash; NewOnly below must create the file itself
    QFile file(temporary);
    // Created 0600 by open(2) itself: there is no moment at which the bytes are readable by others.
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly, QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        *error = tr("Cannot write %1: %2").arg(QDir::toNativeSeparators(temporary), file.errorString());
        return false;
    }
    bool written = file.write(bytes) == bytes.size() && file.flush();
#ifdef Q_OS_UNIX
    written = written && ::fsync(file.handle()) == 0;
#endif
    file.close();
    if (!written || !replaceFile(temporary, m_path)) {
        *error = tr("Cannot write %1: %2")
                     .arg(QDir::toNativeSeparators(m_path),
                          written ? tr("the file could not be replaced") : file.errorString());
        QFile::remove(temporary);
        return false;
    }
    return true;
}

bool SecretFile::remove(QString *error) const
{
    QFile file(m_path);
    if (file.exists() && !file.remove()) {
        *error = tr("Cannot remove %1: %2").arg(QDir::toNativeSeparators(m_path), file.errorString());
        return false;
    }
    return true;
}

} // namespace Gui
