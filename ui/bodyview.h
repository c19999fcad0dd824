#pragma once

#include "payload/contentsniffer.h"
#include "payload/multipart.h"
#include "payload/tokenspan.h"

#include <QThreadPool>
#include <QWidget>

#include <atomic>
#include <memory>

class QComboBox;
class QLabel;
class QListWidget;
class QProgressBar;
class QScrollArea;
class QStackedWidget;
class QTableView;
class QTreeView;

namespace Gui {

class CodeView;
class FieldsModel;
class HexView;
class JsonTreeModel;

/**
 * A request body shown as people read it: JSON and XML pretty and highlighted (JSON also as a
 * collapsible tree), forms as a table, multipart as its parts (each part shown the same way, by
 * its own type), text in its charset, images as images, anything else as hex. Content-Encoding is undone for display.
 * Decoding and formatting run on a worker, with progress; a new body cancels the work for the previous one. A large
 * JSON body shows its first screen at once while the rest is formatted.
 */
class BodyView : public QWidget
{
    Q_OBJECT

public:
    enum Mode { Pretty, Tree, Table, Parts, Image, Text, Hex };

    explicit BodyView(QWidget *parent = nullptr);
    ~BodyView() override;

    void setBody(const QByteArray &body, const QByteArray &contentType, const QByteArray &contentEncoding);
    void clear();

    bool isBusy() const { return m_busy; }
    /// Waits up to `msecs` until the worker has finished everything it was given, cancelled work
    /// included; what it produced is then posted to this view, not yet shown. For tests.
    bool waitForWorker(int msecs) { return m_pool.waitForDone(msecs); }
    Mode mode() const;
    void setMode(Mode mode);
    /// What the Pretty or Text page shows (UTF-8), for copying and tests.
    QByteArray shownText() const;
    QString statusText() const;
    const Payload::ContentInfo &contentInfo() const { return m_info; }
    JsonTreeModel *treeModel() const { return m_treeModel; }
    QTreeView *treeView() const { return m_tree; }
    FieldsModel *formModel() const { return m_form; }
    const Payload::MultipartResult &parts() const { return m_parts; }
    CodeView *codeView() const { return m_code; }
    /// The selected multipart part, shown by its own type; null until a part was shown.
    BodyView *partView() const { return m_partView; }
    HexView *hexView() const { return m_hex; }

Q_SIGNALS:
    /// The body is shown in full (formatting finished or failed).
    void ready();

private:
    struct Result;
    void start();
    void showResult(int generation, std::shared_ptr<Result> result); // not show(): that is QWidget::show()
    void addMode(Mode mode, const QString &label);
    void showPart(int index);
    void buildTree();

    QComboBox *m_modes;
    QLabel *m_status;
    QProgressBar *m_progress;
    QStackedWidget *m_pages;
    CodeView *m_code;
    HexView *m_hex;
    QTreeView *m_tree;
    JsonTreeModel *m_treeModel;
    QTableView *m_formView;
    FieldsModel *m_form;
    QWidget *m_partsPage;
    QListWidget *m_partList;
    FieldsModel *m_partHeaders;
    QWidget *m_partDetail;
    BodyView *m_partView = nullptr; // made on first use: a part can be multipart again
    QScrollArea *m_imageArea;
    QLabel *m_image;

    QThreadPool m_pool;
    std::shared_ptr<std::atomic_bool> m_cancel;
    int m_generation = 0;
    bool m_busy = false;
    QByteArray m_body;
    QByteArray m_decoded;
    QByteArray m_contentType;
    QByteArray m_contentEncoding;
    Payload::ContentInfo m_info;
    Payload::MultipartResult m_parts;
    QByteArray m_prettyText;
    std::shared_ptr<const QList<Payload::TokenSpan>> m_xmlSpans;
    QByteArray m_plainText;
    bool m_treeBuilt = false;
};

} // namespace Gui
