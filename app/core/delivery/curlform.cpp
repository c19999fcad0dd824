#include "curlform.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace Delivery {

namespace {

// What follows name= up to the first ';' outside double quotes, and the rest.
QByteArray takeValue(QByteArrayView s, qsizetype *end)
{
    QByteArray out;
    qsizetype i = 0;
    if (!s.isEmpty() && s.front() == '"') {
        for (i = 1; i < s.size() && s[i] != '"'; ++i) {
            if (s[i] == '\\' && i + 1 < s.size())
                ++i;
            out += s[i];
        }
        i = s.indexOf(';', i);
    } else {
        i = s.indexOf(';');
        out = (i < 0 ? s : s.first(i)).toByteArray();
    }
    *end = i < 0 ? s.size() : i;
    return out;
}

// curl's guesses (tool_formparse.c) for a file part without ;type=.
QByteArray guessedType(const QByteArray &file)
{
    static const QList<QPair<QByteArrayView, QByteArrayView>> types = {
        {".gif", "image/gif"},       {".jpg", "image/jpeg"},      {".jpeg", "image/jpeg"},       {".png", "image/png"},
        {".svg", "image/svg+xml"},   {".txt", "text/plain"},      {".htm", "text/html"},         {".html", "text/html"},
        {".pdf", "application/pdf"}, {".xml", "application/xml"}, {".json", "application/json"},
    };
    const QByteArray lower = file.toLower();
    for (const auto &[suffix, type] : types) {
        if (lower.endsWith(suffix))
            return type.toByteArray();
    }
    return "application/octet-stream";
}

// RFC 7578 §4.2 and the HTML form encoding curl follows: a quote and line breaks are escaped.
QByteArray quotedParameter(const QByteArray &value)
{
    QByteArray out = value;
    out.replace('"', "%22").replace('\r', "%0D").replace('\n', "%0A");
    return '"' + out + '"';
}

} // namespace

bool parseFormField(QByteArrayView spec, bool literal, FormField *out, QString *error)
{
    *out = {};
    const qsizetype eq = spec.indexOf('=');
    if (eq <= 0) {
        *error = QCoreApplication::translate("Delivery::CurlImport", "-F needs name=value, not '%1'.")
                     .arg(QString::fromUtf8(spec));
        return false;
    }
    out->name = spec.first(eq).toByteArray();
    QByteArrayView rest = spec.sliced(eq + 1);
    if (literal) {
        out->content = rest.toByteArray();
        return true;
    }
    if (!rest.isEmpty() && (rest.front() == '@' || rest.front() == '<')) {
        out->upload = rest.front() == '@';
        rest = rest.sliced(1);
    }
    qsizetype end = 0;
    const QByteArray value = takeValue(rest, &end);
    if (out->upload || spec.sliced(eq + 1).startsWith('<'))
        out->file = value;
    else
        out->content = value;
    // Modifiers; a part after ';' that is none of them belongs to the text, as curl reads it.
    while (end < rest.size()) {
        rest = rest.sliced(end + 1);
        qsizetype next = 0;
        const auto modifier = [&](QByteArrayView key) {
            if (!rest.startsWith(key))
                return false;
            rest = rest.sliced(key.size());
            return true;
        };
        if (modifier("type=")) {
            out->type = takeValue(rest, &next);
        } else if (modifier("filename=")) {
            out->filename = takeValue(rest, &next);
        } else if (modifier("headers=")) {
            out->headers.append(takeValue(rest, &next));
        } else {
            next = rest.indexOf(';');
            if (next < 0)
                next = rest.size();
            (out->file.isEmpty() ? out->content : out->file) += ';' + rest.first(next).toByteArray();
        }
        end = next;
    }
    return true;
}

bool multipartBody(const QList<FormField> &fields, QByteArrayView boundary, const FormFileReader &read,
                   QByteArray *body)
{
    body->clear();
    for (const FormField &f : fields) {
        QByteArray content = f.content;
        if (!f.file.isEmpty() && !read(f.file, &content))
            return false;
        *body += "--" + boundary.toByteArray() + "\r\nContent-Disposition: form-data; name=" + quotedParameter(f.name);
        QByteArray type = f.type;
        if (f.upload) {
            const QByteArray filename = !f.filename.isEmpty() ? f.filename
                                        : f.file == "-"
                                            ? QByteArray()
                                            : QFileInfo(QString::fromLocal8Bit(f.file)).fileName().toLocal8Bit();
            *body += "; filename=" + quotedParameter(filename);
            if (type.isEmpty())
                type = guessedType(f.file);
        } else if (!f.filename.isEmpty()) {
            *body += "; filename=" + quotedParameter(f.filename);
        }
        *body += "\r\n";
        if (!type.isEmpty())
            *body += "Content-Type: " + type + "\r\n";
        for (const QByteArray &h : f.headers)
            *body += h + "\r\n";
        *body += "\r\n" + content + "\r\n";
    }
    *body += "--" + boundary.toByteArray() + "--\r\n";
    return true;
}

} // namespace Delivery
