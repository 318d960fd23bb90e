"""Every user-facing string, in French (the default) and English.

Strings are HTML-ready templates: values are escaped by `render` before formatting. Names of the people
the bot follows come from the speakers registry (`data/speakers.toml`), never from here.
"""

from __future__ import annotations

FRENCH = "fr"
ENGLISH = "en"
LANGUAGES = (FRENCH, ENGLISH)

CATALOGUE: dict[str, dict[str, str]] = {
    # ---- users -------------------------------------------------------------------------------
    "start": {
        FRENCH: (
            "Bonjour {first_name} ! Je retrouve dans la presse les mots exacts de {principals} : qui les a dits, "
            "et quels médias les ont rapportés.\n\n"
            "Écrivez quelques mots dont vous vous souvenez, même avec des fautes ou sans accents. Par exemple :\n"
            "{examples}\n\n"
            "/help : tout ce que je sais faire."
        ),
        ENGLISH: (
            "Hello {first_name}! I find the exact words of {principals} in the news: who said them, and which "
            "outlets reported them.\n\n"
            "Type a few words you remember (most quotes are in French); typos and missing accents are fine. "
            "For example:\n"
            "{examples}\n\n"
            "/help: everything I can do."
        ),
    },
    # Three queries that find a statement in the bundled articles (tests/test_bot_e2e.py asks each one).
    "start.examples": {
        FRENCH: "nous n'oublierons jamais les sacrifices\ndevoir fraternel\nje suis ravi de vous rencontrer",
        ENGLISH: "nous n'oublierons jamais les sacrifices\ndevoir fraternel\nje suis ravi de vous rencontrer",
    },
    "meaning_help": {
        FRENCH: "\n\nVous pouvez aussi chercher en anglais ou avec vos propres mots : "
        "<code>we will never forget the sacrifices of your soldiers</code>.",
        ENGLISH: "\n\nYou can also search in English or in your own words: "
        "<code>we will never forget the sacrifices of your soldiers</code>.",
    },
    "help": {
        FRENCH: (
            "<b>Ce que je sais faire</b>\n\n"
            "Écrivez des mots d'une citation : je trouve la déclaration, qui l'a faite et les médias qui l'ont "
            "rapportée ; ◀ ▶ parcourent les réponses.\n\n"
            "{commands}\n\n"
            "Dans n'importe quelle conversation : <code>@{username} mots</code>. "
            "Dans un groupe, mentionnez-moi ou répondez à l'un de mes messages."
        ),
        ENGLISH: (
            "<b>What I can do</b>\n\n"
            "Type words of a quote: I find the statement, who made it and the outlets that reported it; "
            "◀ ▶ page through the answers.\n\n"
            "{commands}\n\n"
            "In any chat: <code>@{username} words</code>. In a group, mention me or reply to one of my messages."
        ),
    },
    "help.moderation": {
        FRENCH: (
            "\n\n<b>Modération</b>\n"
            "Envoyez un lien (ou /add URL) pour ajouter une page, ou un fichier .txt ou .html "
            "(légende facultative : <code>média | url | date</code>).\n"
            "{commands}"
        ),
        ENGLISH: (
            "\n\n<b>Moderation</b>\n"
            "Send a link (or /add URL) to add a page, or a .txt or .html file "
            "(optional caption: <code>outlet | url | date</code>).\n"
            "{commands}"
        ),
    },
    "help.command": {FRENCH: "/{command}{arguments} — {description}", ENGLISH: "/{command}{arguments} — {description}"},
    # What each command does: the menus' descriptions and the lines of /help.
    "command.start": {FRENCH: "Présentation et exemples", ENGLISH: "Introduction and examples"},
    "command.help": {FRENCH: "Toutes les commandes", ENGLISH: "Every command"},
    "command.principal": {
        FRENCH: "{name} : chercher ses mots (sans mots : une déclaration au hasard)",
        ENGLISH: "{name}: search their words (no words: a statement at random)",
    },
    "command.sources": {
        FRENCH: "Les médias et le nombre de déclarations de chacun",
        ENGLISH: "The outlets and how many statements each carried",
    },
    "command.add": {FRENCH: "Ajouter la page d'un lien", ENGLISH: "Add the page of a link"},
    "command.reindex": {FRENCH: "Reconstruire l'index depuis les articles", ENGLISH: "Rebuild the index"},
    "command.hide": {FRENCH: "Masquer une déclaration ou une citation", ENGLISH: "Hide a statement or a quotation"},
    "command.unhide": {FRENCH: "La réafficher", ENGLISH: "Show it again"},
    "command.speaker": {FRENCH: "Corriger qui a parlé", ENGLISH: "Correct who spoke"},
    "command.outlet": {FRENCH: "Corriger le média d'un article", ENGLISH: "Correct an article's outlet"},
    "command.articles": {FRENCH: "Les articles indexés", ENGLISH: "The indexed articles"},
    "command.audit": {FRENCH: "Le journal des corrections", ENGLISH: "The log of corrections"},
    "command.timeline": {FRENCH: "Qui a dit quoi et quand, en image", ENGLISH: "Who said what when, as a picture"},
    "command.export": {FRENCH: "Les déclarations en CSV ou JSON", ENGLISH: "The statements as CSV or JSON"},
    # What each command takes (when it takes something), in /help and in its usage line.
    "arguments.principal": {FRENCH: " [mots]", ENGLISH: " [words]"},
    "arguments.add": {FRENCH: " URL", ENGLISH: " URL"},
    "arguments.hide": {FRENCH: " ID", ENGLISH: " ID"},
    "arguments.unhide": {FRENCH: " ID", ENGLISH: " ID"},
    "arguments.speaker": {FRENCH: " ID {choices} NOM", ENGLISH: " ID {choices} NAME"},
    "arguments.outlet": {FRENCH: " ARTICLE NOM", ENGLISH: " ARTICLE NAME"},
    "arguments.timeline": {
        FRENCH: " [qui] [depuis AAAA-MM-JJ] [jusqu'au AAAA-MM-JJ]",
        ENGLISH: " [who] [since YYYY-MM-DD] [until YYYY-MM-DD]",
    },
    "arguments.export": {FRENCH: " [csv|jsonl] [qui] [depuis …]", ENGLISH: " [csv|jsonl] [who] [since …]"},
    "command.follow": {
        FRENCH: "Être prévenu des nouvelles déclarations de quelqu'un, ou contenant des mots",
        ENGLISH: "Be told of new statements by someone, or with some words",
    },
    "command.unfollow": {FRENCH: "Ne plus être prévenu", ENGLISH: "Stop being told"},
    "command.following": {FRENCH: "Ce que vous suivez", ENGLISH: "What you follow"},
    "arguments.follow": {FRENCH: " {principals}|« mots »", ENGLISH: ' {principals}|"words"'},
    "arguments.unfollow": {FRENCH: " {principals}|« mots »|tout", ENGLISH: ' {principals}|"words"|all'},
    "command.feeds": {
        FRENCH: "Les flux suivis : dernier succès, dernière erreur",
        ENGLISH: "The feeds polled: last success, last error",
    },
    # The words /speaker takes for "nobody known" and "someone else" (bot.library.speakers accepts both languages').
    "keyword.unknown": {FRENCH: "inconnu", ENGLISH: "unknown"},
    "keyword.other": {FRENCH: "autre", ENGLISH: "other"},
    "answer": {
        FRENCH: "<b>{speaker}</b> :\n« {text} »\n\n<b>Rapporté par</b> :\n{outlets}",
        ENGLISH: "<b>{speaker}</b>:\n“{text}”\n\n<b>Carried by</b>:\n{outlets}",
    },
    "quote": {FRENCH: "« {text} »", ENGLISH: "“{text}”"},
    "position": {FRENCH: "Résultat {n}/{total}", ENGLISH: "Result {n}/{total}"},
    "score": {FRENCH: "score {score}", ENGLISH: "score {score}"},
    "by_meaning": {FRENCH: "trouvé par le sens, pas mot pour mot", ENGLISH: "found by meaning, not word for word"},
    "unknown_outlet": {FRENCH: "média inconnu, article « {title} »", ENGLISH: "unknown outlet, article “{title}”"},
    "unknown_outlets.one": {FRENCH: "un article de média inconnu", ENGLISH: "an article by an unknown outlet"},
    "unknown_outlets.other": {
        FRENCH: "{count} articles de média inconnu",
        ENGLISH: "{count} articles by unknown outlets",
    },
    "speaker.unknown": {FRENCH: "inconnu", ENGLISH: "unknown"},
    "and": {FRENCH: " et ", ENGLISH: " and "},
    "or": {FRENCH: " ou ", ENGLISH: " or "},
    "no_answer": {
        FRENCH: (
            "Je n'ai pas de réponse sûre pour « {query} ».\n"
            "Essayez d'autres mots de la citation, ou {commands} suivis de mots pour chercher chez une seule personne."
        ),
        ENGLISH: (
            "I have no confident answer for “{query}”.\n"
            "Try other words of the quote, or {commands} followed by words to search one person's."
        ),
    },
    "empty_query": {
        FRENCH: "Écrivez quelques mots de la citation que vous cherchez.",
        ENGLISH: "Type a few words of the quote you are looking for.",
    },
    "too_long": {
        FRENCH: (
            "Ce message est trop long ({length} caractères) : gardez les mots dont vous vous souvenez "
            "(au plus {limit})."
        ),
        ENGLISH: "That message is too long ({length} characters): keep the words you remember ({limit} at most).",
    },
    "slow_down": {
        FRENCH: "Vous allez un peu vite : réessayez dans {seconds} s.",
        ENGLISH: "You are going a little fast: try again in {seconds} s.",
    },
    "button.previous": {FRENCH: "◀ Précédent", ENGLISH: "◀ Previous"},
    "button.next": {FRENCH: "Suivant ▶", ENGLISH: "Next ▶"},
    "button.wordings": {FRENCH: "Formulation de chaque média", ENGLISH: "Each outlet's wording"},
    "button.open_bot": {FRENCH: "Chercher une citation avec Quotebot", ENGLISH: "Search a quote with Quotebot"},
    "wordings": {FRENCH: "<b>Formulations</b> :\n{items}", ENGLISH: "<b>Wordings</b>:\n{items}"},
    "expired": {
        FRENCH: "Cette recherche a expiré : reposez la question.",
        ENGLISH: "This search has expired: ask again.",
    },
    "sources": {
        FRENCH: "<b>Médias</b> (déclarations rapportées) :\n{items}",
        ENGLISH: "<b>Outlets</b> (statements carried):\n{items}",
    },
    "sources.line.one": {FRENCH: "{outlet} : une déclaration", ENGLISH: "{outlet}: one statement"},
    "sources.line.other": {FRENCH: "{outlet} : {count} déclarations", ENGLISH: "{outlet}: {count} statements"},
    "no_statements": {
        FRENCH: "Aucune déclaration de {speaker} pour l'instant.",
        ENGLISH: "No statement by {speaker} yet.",
    },
    "name_only": {
        FRENCH: "Une déclaration de {speaker} au hasard ; ajoutez des mots pour chercher une citation.",
        ENGLISH: "A statement of {speaker} at random; add some words to look for a quotation.",
    },
    "unknown_command": {
        FRENCH: "Je ne connais pas cette commande. /help dit ce que je sais faire.",
        ENGLISH: "I don't know that command. /help says what I can do.",
    },
    "moderators_only": {
        FRENCH: "Ceci est réservé aux modérateurs.",
        ENGLISH: "This is reserved to moderators.",
    },
    "not_text": {
        FRENCH: "Je ne lis que du texte : écrivez quelques mots d'une citation. /help dit tout ce que je sais faire.",
        ENGLISH: "I read text only: type a few words of a quote. /help says everything I can do.",
    },
    "not_text.moderator": {
        FRENCH: "Je lis le texte, et les fichiers .txt que vous envoyez pour ajouter un article. /help pour le reste.",
        ENGLISH: "I read text, and the .txt files you send to add an article. /help for the rest.",
    },
    "error": {
        FRENCH: "Une erreur m'a empêché de répondre. Réessayez dans un instant.",
        ENGLISH: "An error kept me from answering. Please try again in a moment.",
    },
    # ---- follows and alerts ------------------------------------------------------------------
    "usage.follow": {
        FRENCH: "Usage : /follow {principals} (ses nouvelles déclarations) ou /follow « quelques mots »",
        ENGLISH: 'Usage: /follow {principals} (their new statements) or /follow "a few words"',
    },
    "usage.unfollow": {
        FRENCH: "Usage : /unfollow {principals}, /unfollow « mots » ou /unfollow tout. "
        "/following dit ce que vous suivez.",
        ENGLISH: 'Usage: /unfollow {principals}, /unfollow "words" or /unfollow all. /following says what you follow.',
    },
    "follow.what.speaker": {FRENCH: "déclarations de {who}", ENGLISH: "statements by {who}"},
    "follow.what.words": {FRENCH: "déclarations contenant « {words} »", ENGLISH: "statements with “{words}”"},
    "follow.added": {
        FRENCH: "C'est noté : je vous préviendrai des nouvelles {what}. /following : ce que vous suivez.",
        ENGLISH: "Done: I will tell you of new {what}. /following: what you follow.",
    },
    "follow.already": {FRENCH: "Vous suivez déjà les {what}.", ENGLISH: "You already follow {what}."},
    "follow.refused.too_many": {
        FRENCH: "Vous suivez déjà {limit} choses : /unfollow en libère une.",
        ENGLISH: "You already follow {limit} things: /unfollow frees one.",
    },
    "follow.refused.too_long": {
        FRENCH: "Ces mots sont trop longs : au plus {limit} caractères.",
        ENGLISH: "These words are too long: {limit} characters at most.",
    },
    "unfollow.one": {FRENCH: "Vous ne suivez plus les {what}.", ENGLISH: "You no longer follow {what}."},
    "unfollow.all": {
        FRENCH: "Vous ne suivez plus rien ({count} suivi(s) arrêté(s)).",
        ENGLISH: "You follow nothing any more ({count} follow(s) ended).",
    },
    "unfollow.none": {
        FRENCH: "Vous ne suiviez pas les {what}. /following dit ce que vous suivez.",
        ENGLISH: "You were not following {what}. /following says what you follow.",
    },
    "following": {
        FRENCH: "<b>Vous suivez</b> :\n{items}\n\nAu plus {limit} alertes par heure ; les autres arrivent ensemble, "
        "dans un résumé.",
        ENGLISH: "<b>You follow</b>:\n{items}\n\nAt most {limit} alerts an hour; the others come together, "
        "in a digest.",
    },
    "following.empty": {
        FRENCH: "Vous ne suivez rien. Par exemple : <code>/follow {example}</code> ou <code>/follow « gaz »</code>.",
        ENGLISH: 'You follow nothing. For example: <code>/follow {example}</code> or <code>/follow "gas"</code>.',
    },
    "alert": {
        FRENCH: "🔔 <b>Nouvelle déclaration</b> (vous suivez les {what})\n\n{card}",
        ENGLISH: "🔔 <b>New statement</b> (you follow {what})\n\n{card}",
    },
    "following.line": {FRENCH: "{what} · <code>{unfollow}</code>", ENGLISH: "{what} · <code>{unfollow}</code>"},
    "digest": {
        FRENCH: "🔔 <b>Nouvelles déclarations</b> pour ce que vous suivez ({count}) :\n{items}",
        ENGLISH: "🔔 <b>New statements</b> for what you follow ({count}):\n{items}",
    },
    "digest.line": {
        FRENCH: "<b>{speaker}</b> : « {text} » ({outlet})",
        ENGLISH: "<b>{speaker}</b>: “{text}” ({outlet})",
    },
    # ---- feeds (moderators) ------------------------------------------------------------------
    "feeds": {
        FRENCH: "<b>Flux</b> (un tour toutes les {minutes} min) :\n{items}",
        ENGLISH: "<b>Feeds</b> (a round every {minutes} min):\n{items}",
    },
    "feeds.line": {
        FRENCH: "{outlet} · <code>{url}</code>\n  dernier succès : {success}{error}",
        ENGLISH: "{outlet} · <code>{url}</code>\n  last success: {success}{error}",
    },
    "feeds.error": {FRENCH: "\n  ⚠️ erreur {when} : {reason}", ENGLISH: "\n  ⚠️ error {when}: {reason}"},
    "feeds.past_error": {
        FRENCH: "\n  dernière erreur (réglée depuis) {when} : {reason}",
        ENGLISH: "\n  last error (since recovered) {when}: {reason}",
    },
    "feeds.never": {FRENCH: "jamais", ENGLISH: "never"},
    "feeds.no_outlet": {FRENCH: "média de chaque page", ENGLISH: "each page's outlet"},
    "feeds.empty": {
        FRENCH: "Aucun flux n'est activé : ajoutez-en dans <code>feeds.toml</code> du dossier des données "
        "(voir le README).",
        ENGLISH: "No feed is enabled: add some to <code>feeds.toml</code> in the data directory (see the README).",
    },
    "feeds.bad_file": {
        FRENCH: "<code>feeds.toml</code> est illisible : {error}",
        ENGLISH: "<code>feeds.toml</code> cannot be read: {error}",
    },
    "feed.failed": {
        FRENCH: "⚠️ Le flux {outlet} (<code>{url}</code>) a échoué : {reason}. Les autres flux continuent ; je réessaie "
        "à chaque tour et ne vous en reparlerai que s'il remarche puis échoue de nouveau. /feeds : l'état des flux.",
        ENGLISH: "⚠️ The feed {outlet} (<code>{url}</code>) failed: {reason}. The other feeds go on; I try again each "
        "round and will tell you again only if it works and then fails again. /feeds: how the feeds are doing.",
    },
    "feed.reason.unreadable": {
        FRENCH: "ce n'est pas un flux RSS ou Atom lisible",
        ENGLISH: "it is not an RSS or Atom feed I can read",
    },
    # ---- dates, as a reader writes them ------------------------------------------------------
    "date.time": {FRENCH: "{date} à {time} UTC", ENGLISH: "{date} at {time} UTC"},
    "date.none": {FRENCH: "sans date", ENGLISH: "undated"},
    # ---- moderators --------------------------------------------------------------------------
    "file.refused": {
        FRENCH: "Fichier refusé : {reason}. Rien n'a été enregistré.",
        ENGLISH: "File refused: {reason}. Nothing was stored.",
    },
    "file.reason.not_txt": {
        FRENCH: "ce n'est pas un fichier .txt (ni une page .html)",
        ENGLISH: "it is not a .txt file (nor an .html page)",
    },
    "file.reason.too_big": {FRENCH: "il dépasse {limit} Ko", ENGLISH: "it is larger than {limit} KB"},
    "file.reason.empty": {FRENCH: "il est vide", ENGLISH: "it is empty"},
    "file.reason.not_utf8": {FRENCH: "il n'est pas en UTF-8", ENGLISH: "it is not UTF-8 text"},
    "file.reason.binary": {FRENCH: "il contient des données binaires", ENGLISH: "it contains binary data"},
    "file.reason.caption": {
        FRENCH: "la légende doit être « média | url | date » (date AAAA-MM-JJ ou AAAA-MM)",
        ENGLISH: "the caption must be “outlet | url | date” (date YYYY-MM-DD or YYYY-MM)",
    },
    "file.ingested.one": {
        FRENCH: "<b>{file}</b> ajouté : une citation.\n{items}",
        ENGLISH: "<b>{file}</b> added: one quotation.\n{items}",
    },
    "file.ingested.other": {
        FRENCH: "<b>{file}</b> ajouté : {count} citations.\n{items}",
        ENGLISH: "<b>{file}</b> added: {count} quotations.\n{items}",
    },
    "file.ids": {
        FRENCH: "\n\nLes numéros sont ceux que prennent /hide et /speaker.",
        ENGLISH: "\n\nThe numbers are the ones /hide and /speaker take.",
    },
    "file.quotation": {
        FRENCH: "<code>{target}</code> {speaker} : « {text} »",
        ENGLISH: "<code>{target}</code> {speaker}: “{text}”",
    },
    # Why a URL could not be fetched (bot/library/fetching.py REASONS): "… : {reason}."
    "fetch.reason.url": {FRENCH: "ce n'est pas une adresse web lisible", ENGLISH: "it is not a web address I can read"},
    "fetch.reason.scheme": {
        FRENCH: "seules les adresses http:// et https:// sont lues",
        ENGLISH: "only http:// and https:// addresses are read",
    },
    "fetch.reason.unresolved": {FRENCH: "ce site est introuvable", ENGLISH: "this site cannot be found"},
    "fetch.reason.address": {
        FRENCH: "l'adresse mène à un réseau privé ou local, que je ne lis pas",
        ENGLISH: "the address leads to a private or local network, which I do not read",
    },
    "fetch.reason.robots": {
        FRENCH: "le site l'interdit aux robots (robots.txt)",
        ENGLISH: "the site forbids it to robots (robots.txt)",
    },
    "fetch.reason.not_found": {FRENCH: "la page n'existe pas (404)", ENGLISH: "the page does not exist (404)"},
    "fetch.reason.status": {
        FRENCH: "le site a répondu par une erreur ({status})",
        ENGLISH: "the site answered with an error ({status})",
    },
    "fetch.reason.timeout": {FRENCH: "le site a mis trop de temps à répondre", ENGLISH: "the site took too long"},
    "fetch.reason.too_big": {FRENCH: "la page dépasse {limit} Mo", ENGLISH: "the page is larger than {limit} MB"},
    "fetch.reason.redirects": {FRENCH: "trop de redirections", ENGLISH: "too many redirects"},
    "fetch.reason.redirect_loop": {
        FRENCH: "les redirections tournent en rond",
        ENGLISH: "the redirects go round in a loop",
    },
    "fetch.reason.content_type": {
        FRENCH: "ce n'est pas une page web mais « {detail} »",
        ENGLISH: "it is not a web page but “{detail}”",
    },
    "fetch.reason.network": {FRENCH: "la connexion au site a échoué", ENGLISH: "the connection to the site failed"},
    "page.fetching": {FRENCH: "Je lis la page…", ENGLISH: "Reading the page…"},
    "page.refused": {
        FRENCH: "Page refusée : {reason}. Rien n'a été enregistré.",
        ENGLISH: "Page refused: {reason}. Nothing was stored.",
    },
    "page.reason.no_article": {
        FRENCH: "je n'y trouve pas d'article (trop peu de texte)",
        ENGLISH: "I find no article in it (too little text)",
    },
    "page.reason.not_html": {FRENCH: "ce n'est pas un fichier .html", ENGLISH: "it is not an .html file"},
    "page.article": {
        FRENCH: "<b>{title}</b>\n{outlet} · {date}\n{url}",
        ENGLISH: "<b>{title}</b>\n{outlet} · {date}\n{url}",
    },
    "page.added.one": {
        FRENCH: "Page ajoutée (article <code>{file}</code>) : une citation.\n{article}\n\n{items}",
        ENGLISH: "Page added (article <code>{file}</code>): one quotation.\n{article}\n\n{items}",
    },
    "page.added.other": {
        FRENCH: "Page ajoutée (article <code>{file}</code>) : {count} citations.\n{article}\n\n{items}",
        ENGLISH: "Page added (article <code>{file}</code>): {count} quotations.\n{article}\n\n{items}",
    },
    "page.already.one": {
        FRENCH: "Déjà indexée (article <code>{file}</code>) : une citation.\n{article}\n\n{items}",
        ENGLISH: "Already indexed (article <code>{file}</code>): one quotation.\n{article}\n\n{items}",
    },
    "page.already.other": {
        FRENCH: "Déjà indexée (article <code>{file}</code>) : {count} citations.\n{article}\n\n{items}",
        ENGLISH: "Already indexed (article <code>{file}</code>): {count} quotations.\n{article}\n\n{items}",
    },
    "reindex.started": {FRENCH: "Reconstruction de l'index…", ENGLISH: "Rebuilding the index…"},
    "reindex.progress": {
        FRENCH: "Reconstruction de l'index… {done}/{total}",
        ENGLISH: "Rebuilding the index… {done}/{total}",
    },
    "reindex.done": {
        FRENCH: "Index reconstruit : {articles} articles, {quotations} citations, {statements} déclarations.",
        ENGLISH: "Index rebuilt: {articles} articles, {quotations} quotations, {statements} statements.",
    },
    "reindex.busy": {FRENCH: "Une reconstruction est déjà en cours.", ENGLISH: "A rebuild is already running."},
    "usage.add": {
        FRENCH: "Usage : /add URL (une page d'article, http:// ou https://)",
        ENGLISH: "Usage: /add URL (an article's page, http:// or https://)",
    },
    "usage.hide": {
        FRENCH: "Usage : /hide ID (déclaration 12 ou citation q34)",
        ENGLISH: "Usage: /hide ID (statement 12 or quotation q34)",
    },
    "usage.unhide": {FRENCH: "Usage : /unhide ID", ENGLISH: "Usage: /unhide ID"},
    "usage.speaker": {FRENCH: "Usage : /speaker{arguments}", ENGLISH: "Usage: /speaker{arguments}"},
    "usage.outlet": {FRENCH: "Usage : /outlet ARTICLE NOM", ENGLISH: "Usage: /outlet ARTICLE NAME"},
    "not_found": {FRENCH: "Introuvable : {target}.", ENGLISH: "Not found: {target}."},
    "done": {FRENCH: "Fait : {change}", ENGLISH: "Done: {change}"},
    "change": {FRENCH: "{action} {target} ({before} → {after})", ENGLISH: "{action} {target} ({before} → {after})"},
    "action.hide": {FRENCH: "masquer", ENGLISH: "hide"},
    "action.unhide": {FRENCH: "réafficher", ENGLISH: "unhide"},
    "action.speaker": {FRENCH: "changer l'auteur de", ENGLISH: "change the speaker of"},
    "action.outlet": {FRENCH: "changer le média de", ENGLISH: "change the outlet of"},
    "target.statement": {FRENCH: "la déclaration {ident}", ENGLISH: "statement {ident}"},
    "target.quotation": {FRENCH: "la citation q{ident}", ENGLISH: "quotation q{ident}"},
    "target.article": {FRENCH: "l'article {ident}", ENGLISH: "article {ident}"},
    "state.hidden": {FRENCH: "masquée", ENGLISH: "hidden"},
    "state.shown": {FRENCH: "visible", ENGLISH: "shown"},
    "outlet.none": {FRENCH: "aucun", ENGLISH: "none"},
    "articles": {FRENCH: "<b>Articles</b> :\n{items}", ENGLISH: "<b>Articles</b>:\n{items}"},
    "articles.line": {
        FRENCH: "<code>{id}</code> · {file} · {outlet} · {date} · « {title} »",
        ENGLISH: "<code>{id}</code> · {file} · {outlet} · {date} · “{title}”",
    },
    "audit": {FRENCH: "<b>Journal</b> :\n{items}", ENGLISH: "<b>Audit log</b>:\n{items}"},
    "audit.line": {
        FRENCH: "{when} · modérateur {moderator} : {change}",
        ENGLISH: "{when} · moderator {moderator}: {change}",
    },
    "audit.empty": {FRENCH: "Le journal est vide.", ENGLISH: "The audit log is empty."},
    "audit.undo": {FRENCH: "annuler : {command}", ENGLISH: "undo: {command}"},
    # the timeline (its title and subtitle are drawn in the picture: plain text, nothing escaped there)
    "period.from_to": {FRENCH: "du {since} au {until}", ENGLISH: "from {since} to {until}"},
    "period.since": {FRENCH: "depuis le {since}", ENGLISH: "since {since}"},
    "period.until": {FRENCH: "jusqu'au {until}", ENGLISH: "until {until}"},
    "period.any": {FRENCH: "d'un jour précis", ENGLISH: "to an exact day"},
    "timeline.title": {
        FRENCH: "Déclarations de {who}\n{first} – {last}",
        ENGLISH: "Statements of {who}\n{first} – {last}",
    },
    "timeline.subtitle": {
        FRENCH: (
            "Un point par déclaration, au jour de sa parution ; plus il est gros, plus de médias\n"
            "{count} déclaration(s) · {undated} sans date précise, non placée(s)"
        ),
        ENGLISH: (
            "One mark per statement, on the day first reported; the bigger, the more outlets\n"
            "{count} statement(s) · {undated} without an exact date, not shown"
        ),
    },
    "timeline.caption": {
        FRENCH: "Déclarations de {who} {period} : {count} placée(s) à leur date, {undated} sans date précise.",
        ENGLISH: "Statements of {who} {period}: {count} placed at their date, {undated} without an exact date.",
    },
    "timeline.empty_index": {
        FRENCH: "L'index ne contient encore aucune déclaration de {who} : rien à dessiner.",
        ENGLISH: "The index has no statement of {who} yet: nothing to draw.",
    },
    "timeline.nothing": {
        FRENCH: "Aucune déclaration de {who} n'est datée {period} ({undated} sans date précise) : rien à dessiner.",
        ENGLISH: "No statement of {who} is dated {period} ({undated} without an exact date): nothing to draw.",
    },
    "usage.timeline": {
        FRENCH: (
            "Usage : /timeline [{speakers}] [depuis AAAA-MM-JJ] [jusqu'au AAAA-MM-JJ], "
            "par exemple <code>/timeline {example} depuis 2024-01-01</code>"
        ),
        ENGLISH: (
            "Usage: /timeline [{speakers}] [since YYYY-MM-DD] [until YYYY-MM-DD], "
            "for example <code>/timeline {example} since 2024-01-01</code>"
        ),
    },
    "bad_period": {
        FRENCH: "Période illisible : « {value} ». Écrivez AAAA-MM-JJ, AAAA-MM ou AAAA, le début avant la fin.",
        ENGLISH: "Unreadable period: “{value}”. Write YYYY-MM-DD, YYYY-MM or YYYY, the start before the end.",
    },
    # exports (moderators)
    "usage.export": {
        FRENCH: (
            "Usage : /export [csv|jsonl] [{speakers}] [depuis AAAA-MM-JJ] [jusqu'au AAAA-MM-JJ], "
            "par exemple <code>/export csv {example} depuis 2024-01-01</code>"
        ),
        ENGLISH: (
            "Usage: /export [csv|jsonl] [{speakers}] [since YYYY-MM-DD] [until YYYY-MM-DD], "
            "for example <code>/export csv {example} since 2024-01-01</code>"
        ),
    },
    "export.caption": {
        FRENCH: "{rows} ligne(s), une par formulation : {statements} déclaration(s) de {who}{period}, {format} UTF-8.",
        ENGLISH: "{rows} row(s), one per wording: {statements} statement(s) of {who}{period}, {format} UTF-8.",
    },
    "export.nothing": {
        FRENCH: "Rien à exporter : aucune déclaration de {who}{period}.",
        ENGLISH: "Nothing to export: no statement of {who}{period}.",
    },
    "export.too_big": {
        FRENCH: "L'export ferait {size} Mo, plus que les {limit} Mo que Telegram accepte : choisissez une période.",
        ENGLISH: "The export would be {size} MB, more than the {limit} MB Telegram takes: choose a period.",
    },
    "store_error": {
        FRENCH: "Écriture impossible ({reason}) : je continue de répondre avec l'index actuel.",
        ENGLISH: "Could not write ({reason}): I keep answering from the current index.",
    },
}


def language_of(code: str | None) -> str:
    """English when Telegram reports an English-speaking user; French otherwise."""
    return ENGLISH if code and code.lower().startswith("en") else FRENCH


def text(key: str, language: str, **values: object) -> str:
    template = CATALOGUE[key].get(language) or CATALOGUE[key][FRENCH]
    return template.format(**values) if values else template


def plural(key: str, language: str, count: int, **values: object) -> str:
    """`key.one` or `key.other` by the language's rule (French counts 0 and 1 as one, English only 1)."""
    one = count < 2 if language == FRENCH else count == 1
    return text(f"{key}.{'one' if one else 'other'}", language, count=count, **values)
