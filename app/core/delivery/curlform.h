#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <functional>

namespace Delivery {

/// One curl -F / --form-string field.
struct FormField
{
    QByteArray name;
    QByteArray content;        ///< the text of a text field
    QByteArray file;           ///< -F name=@file or name=<file: the file as written ("-": standard input)
    bool upload = false;       ///< @file: a file part (with a filename); <file: the file's text as the value
    QByteArray type;           ///< ;type=
    QByteArray filename;       ///< ;filename= (upload: the file's base name unless set)
    QList<QByteArray> headers; ///< ;headers="Name: value"
};

/// Reads curl's -F syntax: name=text, name=@file, name=<file, each with ;type=, ;filename=,
/// ;headers= after it; a double-quoted text may hold ';'. --form-string (`literal`) takes the
/// text as it is. False with `error` when there is no '='.
bool parseFormField(QByteArrayView spec, bool literal, FormField *out, QString *error);

using FormFileReader = std::function<bool(QByteArrayView name, QByteArray *bytes)>;

/// The multipart/form-data body (RFC 7578) curl sends for `fields`, delimited by `boundary`:
/// a Content-Disposition with the name (and filename for uploads), a Content-Type for uploads
/// (from ;type=, else guessed from the extension as curl does) and typed text fields. False when
/// a file cannot be read (the reader says why).
bool multipartBody(const QList<FormField> &fields, QByteArrayView boundary, const FormFileReader &read,
                   QByteArray *body);

} // namespace Delivery
