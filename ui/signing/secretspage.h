#pragma once

#include "signingsetup.h"

#include <QHash>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace Gui {

class SecretStore;

/**
 * The Secrets page of the Settings dialog: the secrets signatures are checked with (scheme,
 * optional path pattern, label, the secret itself, masked), the public URL for schemes that sign
 * it, and the timestamp tolerance of each scheme that signs a timestamp. Shows what `store` has
 * and, above the list, where the secrets are kept when that is not the system keychain.
 */
class SecretsPage : public QWidget
{
    Q_OBJECT

public:
    explicit SecretsPage(SecretStore *store, QWidget *parent = nullptr);

    /// Whether the secrets are loaded, so that setup() is worth storing.
    bool isReady() const;
    /// False with a message for people (and the field in question focused) if something cannot be stored.
    bool validate(QString *error);
    /// What the page shows, ready for SignatureSettings::apply.
    SigningSetup setup() const;
    /// Adds an entry for `scheme` and puts the cursor in its secret field (from "No secret set").
    void addSecretFor(const QString &scheme);

private:
    void populate();
    void addEntry();
    void removeEntry();
    void showEntry(int row);
    void updateRow(int row);
    void onSecretEdited(const QString &text);
    void trimSecret();
    void updateUrlProblem();
    int currentRow() const;

    SecretStore *m_store;
    QList<SecretEntry> m_entries;
    QLabel *m_notice;
    QTableWidget *m_table;
    QPushButton *m_add;
    QPushButton *m_remove;
    QGroupBox *m_editor;
    QComboBox *m_scheme;
    QLineEdit *m_path;
    QLineEdit *m_label;
    QLineEdit *m_secret;
    QCheckBox *m_show;
    QLabel *m_secretNote;
    QLineEdit *m_publicUrl;
    QLabel *m_urlProblem;
    QHash<QString, QSpinBox *> m_tolerances; // scheme id → its spin box
};

} // namespace Gui
