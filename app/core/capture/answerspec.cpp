#include "answerspec.h"

#include "http/syntax.h"

namespace Capture {

AnswerSpec AnswerSpec::blank()
{
    AnswerSpec answer;
    answer.headers.clear();
    answer.body.clear();
    return answer;
}

bool AnswerSpec::parseHeader(const QString &text, QPair<QByteArray, QByteArray> *header, QString *error)
{
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    if (colon <= 0) {
        *error = tr("header '%1' is not of the form 'Name: value'").arg(text);
        return false;
    }
    const QByteArray name = text.left(colon).toUtf8();
    if (!Http::Syntax::isToken(name)) {
        *error = tr("header name '%1' has a character not allowed in a field name").arg(QString::fromUtf8(name));
        return false;
    }
    const QByteArray value = text.mid(colon + 1).trimmed().toUtf8();
    if (value.contains('\r') || value.contains('\n') || value.contains('\0')) {
        *error = tr("value of header '%1' contains CR, LF or NUL").arg(QString::fromUtf8(name));
        return false;
    }
    *header = {name, value};
    return true;
}

} // namespace Capture
