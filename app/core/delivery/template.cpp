#include "template.h"

#include "http/syntax.h"
#include "signing/signing.h"

#include <QDir>
#include <QFile>

#include <algorithm>

namespace Delivery {

bool Template::parse(const QString &id, QByteArrayView text, Template *out, QString *error)
{
    Template t;
    t.id = id;
    qsizetype pos = 0;
    int lineNumber = 0;
    const auto nextLine = [&text, &pos, &lineNumber]() -> QByteArrayView {
        const qsizetype end = text.indexOf('\n', pos);
        const QByteArrayView line = text.sliced(pos, (end < 0 ? text.size() : end) - pos);
        pos = end < 0 ? text.size() : end + 1;
        ++lineNumber;
        return line.endsWith('\r') ? line.chopped(1) : line;
    };
    const auto fail = [&error, &id, &lineNumber](const QString &why) {
        *error = tr("%1, line %2: %3").arg(id).arg(lineNumber).arg(why);
        return false;
    };
    QByteArrayView line;
    while (pos < text.size()) {
        line = nextLine();
        if (!line.startsWith('#'))
            break;
        const QByteArrayView meta = line.sliced(1).trimmed();
        if (meta.startsWith("name:"))
            t.name = QString::fromUtf8(meta.sliced(5).trimmed());
        else if (meta.startsWith("sign:"))
            t.sign = QString::fromUtf8(meta.sliced(5).trimmed());
    }
    const qsizetype space = line.indexOf(' ');
    t.method = (space < 0 ? line : line.first(space)).toByteArray();
    t.path = space < 0 ? QByteArray() : line.sliced(space + 1).trimmed().toByteArray();
    if (!Http::Syntax::isToken(t.method))
        return fail(tr("expected a method such as POST, then a path"));
    if (t.name.isEmpty())
        return fail(tr("no '# name:' line"));
    if (!t.sign.isEmpty() && !Signing::schemeIds().contains(t.sign))
        return fail(tr("unknown scheme '%1' in '# sign:'").arg(t.sign));
    while (true) {
        if (pos >= text.size())
            return fail(tr("no blank line before the body"));
        line = nextLine();
        if (line.isEmpty())
            break;
        const qsizetype colon = line.indexOf(':');
        const QByteArrayView name = colon < 0 ? QByteArrayView() : line.first(colon);
        if (!Http::Syntax::isToken(name))
            return fail(tr("expected a header line 'Name: value'"));
        t.headers.append({name.toByteArray(), line.sliced(colon + 1).trimmed().toByteArray()});
    }
    QByteArrayView body = text.sliced(pos);
    if (body.endsWith('\n'))
        body.chop(1);
    t.body = body.toByteArray();
    *out = std::move(t);
    return true;
}

QList<Template> Template::builtIn()
{
    QList<Template> out;
    const QDir dir(QStringLiteral(":/templates"));
    for (const QString &file : dir.entryList({QStringLiteral("*.http")}, QDir::Files)) {
        QFile f(dir.filePath(file));
        Template t;
        QString error;
        if (f.open(QIODevice::ReadOnly) && parse(file.chopped(5), f.readAll(), &t, &error))
            out.append(t);
        else
            qWarning("template %s: %s", qUtf8Printable(file), qUtf8Printable(error));
    }
    std::sort(out.begin(), out.end(), [](const Template &a, const Template &b) { return a.name < b.name; });
    return out;
}

} // namespace Delivery
