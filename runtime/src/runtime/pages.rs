//! Walking every page of a list: the items of one page, then the next page's, until a page has no
//! link to another.

use std::collections::VecDeque;

use crate::runtime::http::{Body, Request};
use crate::{Client, Error};

/// Every item of a list, page by page. Get them with `while let Some(item) = pages.next().await`.
///
/// Each page is fetched when the previous one is used up. Next-page links are always followed on the
/// client's own base URL (an absolute link keeps only its path and query), so credentials never
/// travel to another host.
pub struct Pages<P, T> {
    client: Client,
    next: Option<Result<Request, Error>>,
    /// The last link followed: a page that links to itself ends the walk instead of looping.
    last_link: Option<String>,
    items: VecDeque<T>,
    split: fn(P) -> (Vec<T>, Option<String>),
}

impl<P: serde::de::DeserializeOwned, T> Pages<P, T> {
    pub fn new(client: Client, first: Result<Request, Error>, split: fn(P) -> (Vec<T>, Option<String>)) -> Self {
        Pages {
            client,
            next: Some(first),
            last_link: None,
            items: VecDeque::new(),
            split,
        }
    }

    /// The next item, fetching the next page when needed; `None` after the last one. After an error,
    /// the walk ends.
    pub async fn next(&mut self) -> Option<Result<T, Error>> {
        loop {
            if let Some(item) = self.items.pop_front() {
                return Some(Ok(item));
            }
            let request = match self.next.take()? {
                Ok(request) => request,
                Err(e) => return Some(Err(e)),
            };
            let (auth, results) = (request.auth, request.results);
            let name = (request.operation, request.path_template);
            let page: P = match self
                .client
                .execute_with(request, false)
                .await
                .and_then(|reply| reply.json())
            {
                Ok(page) => page,
                Err(e) => return Some(Err(e)),
            };
            let (items, link) = (self.split)(page);
            self.items.extend(items);
            if let Some(link) = link.filter(|link| !link.is_empty() && self.last_link.as_ref() != Some(link)) {
                self.next = Some(Ok(follow(&link, auth, results, name)));
                self.last_link = Some(link);
            }
        }
    }
}

/// A GET of a next-page link, on the client's own base URL.
fn follow(
    link: &str,
    auth: &'static [&'static [crate::auth::Scheme]],
    results: &'static [u16],
    (operation, path_template): (&'static str, &'static str),
) -> Request {
    let path_and_query = match link.find("://") {
        Some(scheme_end) => {
            let rest = &link[scheme_end + 3..];
            rest.find('/').map_or("/", |slash| &rest[slash..])
        }
        None => link,
    };
    let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
    Request {
        method: reqwest::Method::GET,
        path: path.to_owned(),
        query: query.to_owned(),
        headers: Vec::new(),
        cookies: Vec::new(),
        body: Body::Empty,
        auth,
        results,
        idempotent: true,
        accept: "application/json",
        timeout: None,
        operation,
        path_template,
    }
}
