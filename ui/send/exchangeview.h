#pragma once

#include "delivery/sender.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;

namespace Gui {

class BodyView;
class CodeView;
class FieldsModel;
class HexView;

/**
 * One attempt of a sent message with the views captured requests use: the exact request bytes
 * written, then the response's headers, its body formatted (BodyView), raw and hex. An attempt
 * that failed on an untrusted certificate shows that certificate above, with the button to accept it.
 */
class ExchangeView : public QWidget
{
    Q_OBJECT

public:
    enum Tab { Request, Headers, Body, Raw, Hex };

    explicit ExchangeView(QWidget *parent = nullptr);

    void showAttempt(const Delivery::AttemptReport &report);
    /// "AB:CD:…", as browsers show a certificate's fingerprint.
    static QString fingerprintText(const QByteArray &sha256);
    void clear();

    /// The request bytes as written: the head, then the body (a file body is named, not shown).
    QByteArray requestBytes() const { return m_requestBytes; }
    QTabWidget *tabs() const { return m_tabs; }
    FieldsModel *headersModel() const { return m_headers; }
    BodyView *bodyView() const { return m_body; }
    CodeView *rawView() const { return m_raw; }
    /// "Accept this certificate…": shown for an attempt that failed on an untrusted certificate.
    QPushButton *acceptCertificateButton() const { return m_accept; }

Q_SIGNALS:
    void acceptCertificateClicked();

private:
    QWidget *m_certificateBar;
    QLabel *m_certificate;
    QPushButton *m_accept;
    QTabWidget *m_tabs;
    CodeView *m_request;
    FieldsModel *m_headers;
    QTableView *m_headersView;
    BodyView *m_body;
    CodeView *m_raw;
    HexView *m_hex;
    QByteArray m_requestBytes;
};

} // namespace Gui
