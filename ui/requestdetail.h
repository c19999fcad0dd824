#pragma once

#include "session/capturedrequest.h"

#include <QWidget>

class QLabel;
class QStackedWidget;
class QTabWidget;
class QTableView;
class QTextBrowser;

namespace Gui {

class FieldsModel;

class BodyView;
class CodeView;
class FindBar;
class HexView;
class SignatureTab;

/// The selected request in tabs: Overview, Headers, Query, Body, Raw and Hex (the exact bytes
/// received, with the failing byte of a rejected request marked), and Signature (the verdict and why).
class RequestDetail : public QWidget
{
    Q_OBJECT

public:
    enum Tab { Overview, Headers, Query, Body, Raw, Hex, Signature };

    explicit RequestDetail(QWidget *parent = nullptr);

    void showRequest(Session::CapturedRequestPtr request);
    /// No request: a line in place of the tabs asks to select one.
    void clear();
    /// The selected request is not in the table the filter shows: says so in place of the tabs
    /// (whose counts and pages would otherwise describe nothing on screen).
    void showHiddenByFilter();
    /// The sentence shown in place of the tabs; empty while a request is shown.
    QString placeholderText() const;
    Session::CapturedRequestPtr request() const { return m_request; }
    /// The secrets the Signature tab diagnoses with (the same the capture verifies with).
    void setSignatureConfig(const Signing::Config &config);
    /// New results after re-verification: the request shown takes its own, if it is among them.
    void updateSignatures(const Session::SignatureUpdates &updates);
    /// The shown request's sender was answered late (from its forward): the Overview says so.
    void updateLateAnswer(const Session::LateAnswer &answer);

    QTabWidget *tabs() const { return m_tabs; }
    FieldsModel *headersModel() const { return m_headers; }
    FieldsModel *queryModel() const { return m_query; }
    /// The body as shown (formatted when its type allows), for tests and copying.
    QString bodyText() const;
    BodyView *bodyView() const { return m_body; }
    CodeView *rawView() const { return m_raw; }
    HexView *hexView() const { return m_hex; }
    SignatureTab *signatureTab() const { return m_signature; }
    QString overviewText() const;
    QString rawText() const;

    FindBar *findBar() const { return m_find; }
    /// Shows the find line. Finding works in the Raw, Hex and Body tabs (Pretty, Text or Hex);
    /// from another tab, or a body page without text, it searches the Raw tab.
    void openFind();
    /// Finds the next (or previous) match of the find line's text again.
    void findAgain(bool forward);

Q_SIGNALS:
    /// The user asked to set a secret for `scheme`: the window opens Settings at Secrets.
    void secretsRequested(const QString &scheme);
    /// Another request is shown (`id`), or none (0).
    void requestShown(qint64 id);

private:
    void showOverview(const Session::CapturedRequest &r);
    static QString answerHtml(const Http::Response &response);
    void showBody(const Session::CapturedRequest &r);
    void find(const QString &text, bool forward);
    void showFindResult(qint64 offset, bool wrapped);
    void showSignatureTitle();

    void showPlaceholder(const QString &text);

    Session::CapturedRequestPtr m_request;
    QStackedWidget *m_pages; // the tabs, or the placeholder when there is no request
    QLabel *m_placeholder;
    QTabWidget *m_tabs;
    QTextBrowser *m_overview;
    FieldsModel *m_headers;
    FieldsModel *m_query;
    QTableView *m_headersView;
    QTableView *m_queryView;
    BodyView *m_body;
    CodeView *m_raw;
    HexView *m_hex;
    SignatureTab *m_signature;
    FindBar *m_find;
    QObject *m_findView = nullptr; // the view asked last; results from others are stale
};

} // namespace Gui
