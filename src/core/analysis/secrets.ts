// Paths no page links to and no visitor types: files that hold a site's secrets or its source when
// they are left in the web root (.env, .git/, private keys, config backups, database dumps,
// server-status pages). Scanners ask for them whatever the server answers; a hardened server refuses
// them 403, a single-page app answers 200 with its index page, so a 404 count misses that sweep.
// Matched against the path alone (query strings left out), case-insensitive.

const DOT = String.raw`\.(?:env(?:\.[\w-]{1,20})?|git|svn|hg|bzr|aws|ssh|docker|dockerenv|npmrc|pypirc|netrc|htpasswd|htaccess|ds_store|vscode|idea|bash_history|zsh_history|mysql_history|gitlab-ci\.yml|travis\.yml|circleci|terraform|kube|config\/gcloud|s3cfg|boto)`;
const NAMED = String.raw`(?:id_rsa|id_dsa|id_ecdsa|id_ed25519)(?:\.pub)?|credentials(?:\.json|\.xml|\.ya?ml)?|secrets?\.(?:json|ya?ml|env)|docker-compose(?:\.[\w-]+)?\.ya?ml|web\.config|phpinfo\.php|info\.php|server-status|server-info|wp-config\.php[^/]+|(?:config|configuration|settings|database|db|local|app)(?:\.inc)?\.php[.~_-][^/]*|laravel\.log|actuator\/(?:env|heapdump|configprops|threaddump)`;
const DUMP = String.raw`(?:(?:backups?|dump|db|database|wwwroot|public_html|htdocs|mysql)[\w-]{0,20}|site|www|html|web|old)\.(?:sql|sql\.gz|sql\.zip|tar|tar\.gz|tgz|zip|rar|7z|gz|bak)`;
const EDITOR = String.raw`[\w-]+\.(?:php|asp|aspx|jsp|py|rb|conf|config|ini|ya?ml|json|xml|sql)(?:\.(?:bak|old|orig|save|swp|swo|tmp|copy|dist)|~)`;

// a database dump by its extension, whatever its name; an archive kept in a backup folder
const DB = String.raw`[\w.-]{1,100}\.(?:sql|sql\.gz|sql\.bz2|sql\.xz|sql\.zip|dump|mdb|sqlite3?)|(?:backups?|bak|dumps?)\/(?:[^?#]*\/)?[\w.-]{1,100}\.(?:zip|tar|tar\.gz|tgz|rar|7z|gz|bz2|xz)`;

export const SECRET_PATH = new RegExp(String.raw`\/(?:${DOT}|${NAMED}|${DUMP}|${EDITOR}|${DB})(?:$|[/?#;])`, 'i');
