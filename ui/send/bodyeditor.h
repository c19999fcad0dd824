#pragma once

#include <QByteArray>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace Gui {

class RowTable;

/**
 * The composed message's body in one of its forms: JSON (checked as it is typed, the first error
 * shown with its line and column; Pretty and Compact change only whitespace, so numbers such as
 * `1.0e3` keep their spelling), XML, raw text, a form-urlencoded table, multipart parts (a value
 * or a file each), or a file sent as it is (streamed by the sender, never read here).
 */
class BodyEditor : public QWidget
{
    Q_OBJECT

public:
    enum Kind { Json, Xml, Form, Multipart, Text, File };

    explicit BodyEditor(QWidget *parent = nullptr);

    Kind kind() const;
    void setKind(Kind kind);
    /// The text of the JSON, XML and raw text forms (UTF-8).
    QByteArray text() const;
    void setText(const QByteArray &text);
    QString bodyFile() const;
    void setBodyFile(const QString &path);

    /// The bytes to send; for File, empty (the sender streams bodyFile()). `error` says why a
    /// multipart file could not be read.
    QByteArray body(QString *error = nullptr) const;
    /// The form table as application/x-www-form-urlencoded (what body() is for Form).
    QByteArray formBody() const;
    /// How many bytes body() (or the file) has, for the Content-Length shown.
    qint64 size() const;
    /// The Content-Type this form of body is sent with.
    QByteArray contentType() const;
    /// The multipart boundary (in contentType() and between the parts).
    QByteArray boundary() const { return m_boundary; }
    /// Keeps a composition's own boundary, so a Content-Type row written with it stays true.
    void setBoundary(const QByteArray &boundary);
    /// The JSON check's verdict ("Valid JSON", "Line 2, column 7: ..."); empty for other kinds.
    QString jsonStatus() const;

    /// Whitespace only, outside strings: every other byte stays as written. Empty when `json` is
    /// not valid JSON.
    static QByteArray compactJson(QByteArrayView json);

    RowTable *formRows() const { return m_form; }
    RowTable *partRows() const { return m_parts; }
    QPlainTextEdit *textEdit() const { return m_text; }

public Q_SLOTS:
    void pretty();
    void compact();

Q_SIGNALS:
    void changed();
    /// The user picked another kind (the composer sets the Content-Type header to match).
    void kindPicked(Gui::BodyEditor::Kind kind);

private:
    void checkJson();
    void showKind();

    QComboBox *m_kind;
    QStackedWidget *m_pages;
    QPlainTextEdit *m_text;
    QLabel *m_status;
    QPushButton *m_pretty;
    QPushButton *m_compact;
    RowTable *m_form;
    RowTable *m_parts;
    QLineEdit *m_file;
    QByteArray m_boundary;
};

} // namespace Gui
