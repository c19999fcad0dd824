#include "secretspage.h"
#include "secretstore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QStringDecoder>
#include <QTableWidget>
#include <QVBoxLayout>

namespace Gui {

namespace {

enum Column { SchemeColumn, PathColumn, LabelColumn, SecretColumn, ColumnCount };
constexpr int kMaxToleranceSeconds = 7 * 24 * 3600;

bool isAsciiSpace(QChar c)
{
    return c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\r') || c == QLatin1Char('\n') ||
           c == QLatin1Char('\v') || c == QLatin1Char('\f');
}

/// The bytes as text for the field, or nothing if they are not UTF-8 (kept as they are unless retyped).
std::optional<QString> asText(const QByteArray &bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString text = decoder(bytes);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

} // namespace

SecretsPage::SecretsPage(SecretStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_notice(new QLabel(this))
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_add(new QPushButton(tr("&Add"), this))
    , m_remove(new QPushButton(tr("&Remove"), this))
    , m_editor(new QGroupBox(tr("Selected secret"), this))
    , m_scheme(new QComboBox(m_editor))
    , m_path(new QLineEdit(m_editor))
    , m_label(new QLineEdit(m_editor))
    , m_secret(new QLineEdit(m_editor))
    , m_show(new QCheckBox(tr("Sho&w"), m_editor))
    , m_secretNote(new QLabel(m_editor))
    , m_publicUrl(new QLineEdit(this))
    , m_urlProblem(new QLabel(this))
{
    m_notice->setObjectName(QStringLiteral("notice"));
    m_notice->setWordWrap(true);
    m_notice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_table->setObjectName(QStringLiteral("secrets"));
    m_table->setHorizontalHeaderLabels({tr("Scheme"), tr("Path"), tr("Label"), tr("Secret")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_add->setObjectName(QStringLiteral("add"));
    m_remove->setObjectName(QStringLiteral("remove"));

    m_scheme->setObjectName(QStringLiteral("scheme"));
    for (const QString &id : Signing::schemeIds())
        m_scheme->addItem(Signing::schemeTitle(id), id);
    m_path->setObjectName(QStringLiteral("pathPattern"));
    m_path->setPlaceholderText(tr("any path; or a pattern such as /hooks/github/*"));
    m_label->setObjectName(QStringLiteral("label"));
    m_label->setPlaceholderText(tr("how results name this secret"));
    m_secret->setObjectName(QStringLiteral("secret"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("paste it as the provider shows it (whsec_…, plain, …)"));
    m_show->setObjectName(QStringLiteral("showSecret"));
    m_secretNote->setObjectName(QStringLiteral("secretNote"));
    m_secretNote->setWordWrap(true);
    m_secretNote->hide();
    m_publicUrl->setObjectName(QStringLiteral("publicUrl"));
    m_publicUrl->setPlaceholderText(tr("e.g. https://abc.trycloudflare.com (Twilio and Square sign it)"));
    m_urlProblem->setObjectName(QStringLiteral("urlProblem"));
    m_urlProblem->setWordWrap(true);
    m_urlProblem->hide();

    auto *secretRow = new QHBoxLayout;
    secretRow->addWidget(m_secret, 1);
    secretRow->addWidget(m_show);
    auto *editorForm = new QFormLayout(m_editor);
    editorForm->addRow(tr("Sc&heme:"), m_scheme);
    editorForm->addRow(tr("&Path pattern:"), m_path);
    editorForm->addRow(tr("&Label:"), m_label);
    editorForm->addRow(tr("S&ecret:"), secretRow);
    editorForm->addRow(QString(), m_secretNote);
    qobject_cast<QLabel *>(editorForm->labelForField(secretRow))->setBuddy(m_secret);

    auto *buttons = new QVBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_remove);
    buttons->addStretch();
    auto *listRow = new QHBoxLayout;
    listRow->addWidget(m_table, 1);
    listRow->addLayout(buttons);

    auto *urlForm = new QFormLayout;
    urlForm->addRow(tr("Public &URL:"), m_publicUrl);
    urlForm->addRow(QString(), m_urlProblem);

    // Only schemes that sign a timestamp have a tolerance to set.
    auto *tolerances = new QGroupBox(tr("Timestamp tolerance"), this);
    auto *grid = new QGridLayout(tolerances);
    for (const QString &id : Signing::schemeIds()) {
        const int fallback = Signing::defaultToleranceSeconds(id);
        if (fallback <= 0)
            continue;
        auto *spin = new QSpinBox(tolerances);
        spin->setObjectName(QLatin1String("tolerance-") + id);
        spin->setRange(1, kMaxToleranceSeconds);
        spin->setSuffix(tr(" s"));
        spin->setValue(fallback);
        auto *label = new QLabel(tr("%1 (default %2 s):").arg(Signing::schemeTitle(id)).arg(fallback), tolerances);
        label->setBuddy(spin);
        const int index = int(m_tolerances.size());
        grid->addWidget(label, index / 2, (index % 2) * 2);
        grid->addWidget(spin, index / 2, (index % 2) * 2 + 1);
        m_tolerances.insert(id, spin);
    }

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_notice);
    layout->addLayout(listRow, 1);
    layout->addWidget(m_editor);
    layout->addLayout(urlForm);
    layout->addWidget(tolerances);

    connect(m_add, &QPushButton::clicked, this, &SecretsPage::addEntry);
    connect(m_remove, &QPushButton::clicked, this, &SecretsPage::removeEntry);
    auto *del = new QShortcut(QKeySequence::Delete, m_table);
    del->setContext(Qt::WidgetShortcut);
    connect(del, &QShortcut::activated, this, &SecretsPage::removeEntry);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) { showEntry(row); });
    connect(m_scheme, &QComboBox::currentIndexChanged, this, [this] {
        if (const int row = currentRow(); row >= 0) {
            m_entries[row].secret.scheme = m_scheme->currentData().toString();
            updateRow(row);
        }
    });
    connect(m_path, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (const int row = currentRow(); row >= 0) {
            m_entries[row].secret.pathPattern = text.trimmed();
            updateRow(row);
        }
    });
    connect(m_label, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (const int row = currentRow(); row >= 0) {
            m_entries[row].secret.label = text.trimmed();
            updateRow(row);
        }
    });
    connect(m_secret, &QLineEdit::textEdited, this, &SecretsPage::onSecretEdited);
    connect(m_secret, &QLineEdit::editingFinished, this, &SecretsPage::trimSecret);
    connect(m_show, &QCheckBox::toggled, this,
            [this](bool on) { m_secret->setEchoMode(on ? QLineEdit::Normal : QLineEdit::Password); });
    connect(m_publicUrl, &QLineEdit::textChanged, this, &SecretsPage::updateUrlProblem);

    if (m_store->isLoaded()) {
        populate();
    } else {
        setEnabled(false);
        m_notice->setText(tr("Reading the secrets…"));
        connect(m_store, &SecretStore::loaded, this, [this] {
            populate();
            setEnabled(true);
        });
    }
}

bool SecretsPage::isReady() const
{
    return m_store->isLoaded();
}

void SecretsPage::populate()
{
    const SigningSetup &stored = m_store->setup();
    m_entries = stored.entries;
    m_notice->setText(m_store->notice());
    m_notice->setVisible(!m_notice->text().isEmpty());
    m_table->setRowCount(int(m_entries.size()));
    for (int row = 0; row < m_table->rowCount(); ++row)
        updateRow(row);
    m_publicUrl->setText(stored.publicUrl);
    for (auto it = m_tolerances.begin(); it != m_tolerances.end(); ++it)
        it.value()->setValue(stored.toleranceSeconds.value(it.key(), Signing::defaultToleranceSeconds(it.key())));
    m_table->setCurrentCell(m_entries.isEmpty() ? -1 : 0, 0);
    showEntry(currentRow());
}

int SecretsPage::currentRow() const
{
    const int row = m_table->currentRow();
    return row >= 0 && row < m_entries.size() ? row : -1;
}

void SecretsPage::addEntry()
{
    SecretEntry entry;
    entry.id = SigningSetup::newId();
    // A second secret is most often for the same scheme (a rotated key, another path).
    const int row = currentRow();
    entry.secret.scheme = row >= 0 ? m_entries.at(row).secret.scheme : Signing::schemeIds().value(0);
    m_entries.append(entry);
    m_table->setRowCount(int(m_entries.size()));
    updateRow(int(m_entries.size()) - 1);
    m_table->setCurrentCell(int(m_entries.size()) - 1, 0);
    m_scheme->setFocus(Qt::OtherFocusReason);
}

void SecretsPage::addSecretFor(const QString &scheme)
{
    addEntry();
    m_entries.last().secret.scheme = scheme;
    updateRow(int(m_entries.size()) - 1);
    showEntry(int(m_entries.size()) - 1);
    m_secret->setFocus(Qt::OtherFocusReason);
}

void SecretsPage::removeEntry()
{
    const int row = currentRow();
    if (row < 0)
        return;
    m_entries.removeAt(row);
    m_table->removeRow(row);
    showEntry(currentRow());
    (m_entries.isEmpty() ? static_cast<QWidget *>(m_add) : m_table)->setFocus(Qt::OtherFocusReason);
}

void SecretsPage::showEntry(int row)
{
    // Not isEnabled(): the whole page is disabled while the secrets load, and this runs then too.
    const bool valid = row >= 0 && row < m_entries.size();
    m_editor->setEnabled(valid);
    m_remove->setEnabled(valid);
    m_secretNote->hide();
    const SecretEntry entry = valid ? m_entries.at(row) : SecretEntry();
    const QSignalBlocker blockScheme(m_scheme);
    m_scheme->setCurrentIndex(qMax(0, m_scheme->findData(entry.secret.scheme)));
    m_path->setText(entry.secret.pathPattern);
    m_label->setText(entry.secret.label);
    const std::optional<QString> text = asText(entry.secret.secret);
    m_secret->setText(text.value_or(QString()));
    if (entry.missing)
        m_secret->setPlaceholderText(tr("not loaded: the stored secret is kept unless you type a new one"));
    else if (!text)
        m_secret->setPlaceholderText(tr("not text: kept exactly as stored unless you type a new one"));
    else
        m_secret->setPlaceholderText(tr("paste it as the provider shows it (whsec_…, plain, …)"));
}

void SecretsPage::updateRow(int row)
{
    const SecretEntry &entry = m_entries.at(row);
    const QString shown[ColumnCount] = {
        Signing::schemeTitle(entry.secret.scheme),
        entry.secret.pathPattern.isEmpty() ? tr("any") : entry.secret.pathPattern,
        entry.secret.label,
        entry.missing                   ? tr("not loaded")
        : entry.secret.secret.isEmpty() ? tr("none yet")
                                        : tr("set"),
    };
    for (int column = 0; column < ColumnCount; ++column) {
        QTableWidgetItem *item = m_table->item(row, column);
        if (!item) {
            item = new QTableWidgetItem;
            m_table->setItem(row, column, item);
        }
        item->setText(shown[column]);
    }
}

void SecretsPage::onSecretEdited(const QString &text)
{
    const int row = currentRow();
    if (row < 0)
        return;
    m_entries[row].secret.secret = text.toUtf8();
    m_entries[row].missing = text.isEmpty() && m_entries.at(row).missing;
    m_secretNote->hide();
    updateRow(row);
}

void SecretsPage::trimSecret()
{
    const int row = currentRow();
    const QString text = m_secret->text();
    qsizetype start = 0;
    qsizetype end = text.size();
    while (start < end && isAsciiSpace(text.at(start)))
        ++start;
    while (end > start && isAsciiSpace(text.at(end - 1)))
        --end;
    const qsizetype removed = text.size() - (end - start);
    if (row < 0 || removed == 0)
        return;
    m_secret->setText(text.mid(start, end - start));
    m_entries[row].secret.secret = m_secret->text().toUtf8();
    updateRow(row);
    m_secretNote->setText(tr("Removed %n space(s), tab(s) or line break(s) from around the secret; everything "
                             "between them is kept exactly as pasted.",
                             nullptr, int(removed)));
    m_secretNote->show();
}

void SecretsPage::updateUrlProblem()
{
    m_urlProblem->setText(publicUrlProblem(m_publicUrl->text()));
    m_urlProblem->setVisible(!m_urlProblem->text().isEmpty());
}

bool SecretsPage::validate(QString *error)
{
    trimSecret();
    if (const QString problem = publicUrlProblem(m_publicUrl->text()); !problem.isEmpty()) {
        *error = problem;
        m_publicUrl->setFocus(Qt::OtherFocusReason);
        return false;
    }
    for (int row = 0; row < m_entries.size(); ++row) {
        const SecretEntry &entry = m_entries.at(row);
        if (entry.secret.secret.isEmpty() && !entry.missing) {
            *error = tr("The %1 secret in row %2 is empty: paste the secret, or remove the row.")
                         .arg(Signing::schemeTitle(entry.secret.scheme))
                         .arg(row + 1);
            m_table->setCurrentCell(row, 0);
            m_secret->setFocus(Qt::OtherFocusReason);
            return false;
        }
    }
    return true;
}

SigningSetup SecretsPage::setup() const
{
    SigningSetup setup;
    setup.entries = m_entries;
    setup.publicUrl = m_publicUrl->text().trimmed();
    for (auto it = m_tolerances.begin(); it != m_tolerances.end(); ++it) {
        if (it.value()->value() != Signing::defaultToleranceSeconds(it.key()))
            setup.toleranceSeconds.insert(it.key(), it.value()->value());
    }
    return setup;
}

} // namespace Gui
