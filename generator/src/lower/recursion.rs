//! Recursive types: a model that contains itself by value, directly or through others, has infinite
//! size. Every field and alternative that holds a named type by value inside such a cycle is
//! `Box`ed; nothing else is (`Vec` and maps already hold their items on the heap).

use std::collections::BTreeMap;

use crate::ir::{TypeDef, TypeKind, TypeRef};

/// Marks `boxed` on every by-value use of a type that lies on a cycle with the type using it.
pub fn box_cycles(types: &mut [TypeDef]) {
    let index: BTreeMap<String, usize> = types
        .iter()
        .enumerate()
        .map(|(i, t)| (t.rust_name.clone(), i))
        .collect();
    let edges: Vec<Vec<usize>> = types
        .iter()
        .map(|t| by_value(&t.kind).filter_map(|name| index.get(name).copied()).collect())
        .collect();
    let component = components(&edges);
    for (i, def) in types.iter_mut().enumerate() {
        let on_cycle = |ty: &TypeRef| match ty {
            TypeRef::Named(name) => index.get(name.as_str()).is_some_and(|&j| component[j] == component[i]),
            _ => false,
        };
        match &mut def.kind {
            TypeKind::Struct { fields, .. } => {
                for field in fields {
                    field.boxed = on_cycle(&field.ty);
                }
            }
            TypeKind::OneOf { variants, .. } => {
                for variant in variants {
                    variant.boxed = on_cycle(&variant.ty);
                }
            }
            TypeKind::Enum { .. } => {}
        }
    }
}

/// The named types a type holds by value (not inside a list or a map).
fn by_value(kind: &TypeKind) -> Box<dyn Iterator<Item = &str> + '_> {
    fn named(ty: &TypeRef) -> Option<&str> {
        match ty {
            TypeRef::Named(name) => Some(name.as_str()),
            _ => None,
        }
    }
    match kind {
        TypeKind::Struct { fields, .. } => Box::new(fields.iter().filter_map(|f| named(&f.ty))),
        TypeKind::OneOf { variants, .. } => Box::new(variants.iter().filter_map(|v| named(&v.ty))),
        TypeKind::Enum { .. } => Box::new(std::iter::empty()),
    }
}

/// The strongly connected component of every node (Kosaraju's algorithm, with explicit stacks so
/// that no chain of types, however long, can overflow the stack). A node on no cycle is alone in
/// its component, unless it has an edge to itself, which the caller sees as `component[i] ==
/// component[i]` on that edge.
fn components(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    // Pass one: nodes in order of finishing.
    let mut order = Vec::with_capacity(n);
    let mut visited = vec![false; n];
    for start in 0..n {
        if visited[start] {
            continue;
        }
        visited[start] = true;
        let mut stack = vec![(start, 0usize)];
        while let Some((node, next)) = stack.pop() {
            if let Some(&child) = edges[node].get(next) {
                stack.push((node, next + 1));
                if !visited[child] {
                    visited[child] = true;
                    stack.push((child, 0));
                }
            } else {
                order.push(node);
            }
        }
    }
    // Pass two: on the reversed graph, in reverse finishing order.
    let mut reversed = vec![Vec::new(); n];
    for (from, targets) in edges.iter().enumerate() {
        for &to in targets {
            reversed[to].push(from);
        }
    }
    let mut component = vec![usize::MAX; n];
    for (label, &root) in order.iter().rev().enumerate() {
        if component[root] != usize::MAX {
            continue;
        }
        component[root] = label;
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            for &from in &reversed[node] {
                if component[from] == usize::MAX {
                    component[from] = label;
                    stack.push(from);
                }
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::components;

    #[test]
    fn cycles_share_a_component_and_chains_do_not() {
        // 0 → 1 → 2 → 0 is a cycle; 3 → 0 leads into it; 4 stands alone.
        let edges = vec![vec![1], vec![2], vec![0], vec![0], vec![]];
        let c = components(&edges);
        assert_eq!((c[0] == c[1], c[1] == c[2]), (true, true));
        assert_ne!(c[3], c[0]);
        assert_ne!(c[4], c[0]);
    }

    #[test]
    fn a_long_chain_does_not_overflow_the_stack() {
        let n = 200_000;
        let edges: Vec<Vec<usize>> = (0..n).map(|i| if i + 1 < n { vec![i + 1] } else { vec![0] }).collect();
        let c = components(&edges);
        assert!(c.iter().all(|&label| label == c[0]));
    }
}
