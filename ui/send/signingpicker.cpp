#include "signingpicker.h"
#include "signing/secretstore.h"

#include "signing/signing.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>

namespace Gui {

namespace {
const QString kTyped = QStringLiteral("typed"); // the secret box's entry for a typed secret
}

SigningPicker::SigningPicker(SecretStore *store, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_scheme(new QComboBox(this))
    , m_secret(new QComboBox(this))
    , m_typed(new QLineEdit(this))
{
    m_scheme->setObjectName(QStringLiteral("signScheme"));
    m_secret->setObjectName(QStringLiteral("signSecret"));
    m_typed->setObjectName(QStringLiteral("typedSecret"));
    m_scheme->addItem(tr("Unsigned"), QString());
    for (const QString &id : Signing::schemeIds())
        m_scheme->addItem(Signing::schemeTitle(id), id);
    m_typed->setEchoMode(QLineEdit::Password);
    m_typed->setPlaceholderText(tr("Secret for this message only"));

    auto *layout = new QFormLayout(this);
    layout->addRow(tr("Sign &with:"), m_scheme);
    layout->addRow(tr("Secre&t:"), m_secret);
    layout->addRow(QString(), m_typed);

    connect(m_scheme, &QComboBox::currentIndexChanged, this, &SigningPicker::fillSecrets);
    connect(m_secret, &QComboBox::currentIndexChanged, this,
            [this] { m_typed->setVisible(m_secret->currentData().toString() == kTyped && !scheme().isEmpty()); });
    if (m_store) {
        connect(m_store, &SecretStore::loaded, this, &SigningPicker::fillSecrets);
        connect(m_store, &SecretStore::saved, this, &SigningPicker::fillSecrets);
    }
    fillSecrets();
}

QString SigningPicker::scheme() const
{
    return m_scheme->currentData().toString();
}

void SigningPicker::setScheme(const QString &id)
{
    const int index = m_scheme->findData(id);
    m_scheme->setCurrentIndex(index < 0 ? 0 : index);
}

QByteArray SigningPicker::secret() const
{
    const QString id = m_secret->currentData().toString();
    if (id == kTyped)
        return m_typed->text().toUtf8();
    if (m_store) {
        for (const SecretEntry &entry : m_store->setup().entries) {
            if (entry.id == id)
                return entry.secret.secret;
        }
    }
    return {};
}

void SigningPicker::setTypedSecret(const QByteArray &secret)
{
    m_secret->setCurrentIndex(m_secret->findData(kTyped));
    m_typed->setText(QString::fromUtf8(secret));
}

void SigningPicker::fillSecrets()
{
    // The verification secrets of the chosen scheme first: signing with the one the listener
    // checks against is what makes a "valid" verdict.
    const QString keep = m_secret->currentData().toString();
    const QString id = scheme();
    m_secret->clear();
    if (m_store) {
        for (const SecretEntry &entry : m_store->setup().entries) {
            if (entry.secret.scheme != id || entry.missing)
                continue;
            const QString label =
                entry.secret.label.isEmpty() ? tr("%1 secret").arg(Signing::schemeTitle(id)) : entry.secret.label;
            m_secret->addItem(entry.secret.pathPattern.isEmpty() ? label
                                                                 : tr("%1 (%2)").arg(label, entry.secret.pathPattern),
                              entry.id);
        }
    }
    m_secret->addItem(tr("Type a secret…"), kTyped);
    const int kept = m_secret->findData(keep);
    m_secret->setCurrentIndex(kept < 0 ? 0 : kept);
    m_secret->setEnabled(!id.isEmpty());
    m_typed->setVisible(m_secret->currentData().toString() == kTyped && !id.isEmpty());
}

} // namespace Gui
