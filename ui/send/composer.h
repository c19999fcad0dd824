#pragma once

#include "delivery/sender.h"

#include <QUrl>
#include <QWidget>

class QComboBox;
class QLabel;
class QTabWidget;

namespace Delivery {
struct Template;
}
namespace Session {
struct CapturedRequest;
}

namespace Gui {

class BodyEditor;
class HeadersEditor;
class RowTable;

/**
 * What is sent, as the user composes it: the method, the destinations (each can be switched
 * off; the window's own listener is offered), the header lines, the body and the user's own
 * `{{variables}}`. message() is exactly that; signing, retries and connection options are the
 * panel's.
 */
class Composer : public QWidget
{
    Q_OBJECT

public:
    enum Tab { Destinations, Headers, Body, Variables };

    explicit Composer(QWidget *parent = nullptr);

    /// Method, enabled destinations, headers, body (or body file), variables, chunked.
    Delivery::Message message(QString *error = nullptr) const;
    /// Shows `message` for editing: every destination on, its headers as the user's own.
    void setMessage(const Delivery::Message &message);
    /// Starts from a template: its method, headers and body; its path on the listener when there
    /// is no destination yet.
    void applyTemplate(const Delivery::Template &t);
    /// A captured request as it arrived: method, target (to the listener), headers in their order
    /// and case with duplicates, Host and Content-Length included, and the body.
    void openCaptured(const Session::CapturedRequest &request);

    void setListenerUrl(const QUrl &url);
    QUrl listenerUrl() const { return m_listener; }
    /// Adds the listener (its root, or `path` on it) as a destination.
    void addListenerDestination(const QByteArray &path = {});
    void setChunked(bool chunked);
    /// The request-target every destination gets as it is (Message::rawTarget); empty: the URLs'.
    void setRawTarget(const QByteArray &target);
    QByteArray rawTarget() const { return m_rawTarget; }
    bool isChunked() const { return m_chunked; }

    QComboBox *methodBox() const { return m_method; }
    RowTable *destinations() const { return m_destinations; }
    HeadersEditor *headers() const { return m_headers; }
    BodyEditor *body() const { return m_body; }
    RowTable *variables() const { return m_variables; }
    QTabWidget *tabs() const { return m_tabs; }

Q_SIGNALS:
    void changed();

private:
    void refreshDefaults();
    void showBody(const QByteArray &body, QByteArrayView contentType);

    QComboBox *m_method;
    QTabWidget *m_tabs;
    RowTable *m_destinations;
    HeadersEditor *m_headers;
    BodyEditor *m_body;
    RowTable *m_variables;
    QLabel *m_rawTargetNote;
    QByteArray m_rawTarget;
    QUrl m_listener;
    bool m_chunked = false;
};

} // namespace Gui
