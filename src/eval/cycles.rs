//! Cycle detection for alignment links (O007) and the strategy map (B006):
//! strongly connected components (Tarjan, iterative), one cycle reported per
//! component however many links it has. Linear in nodes + edges.

/// A cycle: the nodes in order, ending with the node whose link `edge`
/// (an index into its adjacency list) closes the cycle back to the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cycle {
    pub path: Vec<usize>,
    pub edge: usize,
}

/// One cycle for each strongly connected component that has one, starting
/// at the component's lowest node.
pub(crate) fn cycles(edges: &[Vec<usize>]) -> Vec<Cycle> {
    let mut found: Vec<Cycle> = components(edges)
        .into_iter()
        .filter_map(|component| cycle_in(edges, &component))
        .collect();
    found.sort_by_key(|c| c.path.first().copied());
    found
}

/// Tarjan's strongly connected components, without recursion.
fn components(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut result = Vec::new();
    for root in 0..n {
        if index[root] != UNSEEN {
            continue;
        }
        // (node, next edge to follow)
        let mut work = vec![(root, 0usize)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut next)) = work.last_mut() {
            if let Some(&to) = edges[node].get(*next) {
                *next += 1;
                if to >= n {
                    continue;
                }
                if index[to] == UNSEEN {
                    index[to] = next_index;
                    low[to] = next_index;
                    next_index += 1;
                    stack.push(to);
                    on_stack[to] = true;
                    work.push((to, 0));
                } else if on_stack[to] {
                    low[node] = low[node].min(index[to]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                result.push(component);
            }
        }
    }
    result
}

/// A shortest cycle through the component's lowest node, if the component
/// has a cycle (more than one node, or a node linked to itself).
fn cycle_in(edges: &[Vec<usize>], component: &[usize]) -> Option<Cycle> {
    let start = *component.iter().min()?;
    let member: std::collections::HashSet<usize> = component.iter().copied().collect();
    let mut parent: std::collections::HashMap<usize, usize> = std::collections::HashMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for (k, &to) in edges[node].iter().enumerate() {
            if to == start {
                let mut path = vec![node];
                let mut at = node;
                while at != start {
                    at = parent[&at];
                    path.push(at);
                }
                path.reverse();
                return Some(Cycle { path, edge: k });
            }
            if member.contains(&to) && to != start && !parent.contains_key(&to) {
                parent.insert(to, node);
                queue.push_back(to);
            }
        }
    }
    None
}

/// "a -> b -> a", shortened for long cycles so a finding stays one line.
pub(crate) fn describe(names: &[String]) -> String {
    const SHOWN: usize = 6;
    let Some(first) = names.first() else {
        return String::new();
    };
    if names.len() <= SHOWN + 1 {
        let mut all: Vec<&str> = names.iter().map(String::as_str).collect();
        all.push(first);
        return all.join(" -> ");
    }
    format!(
        "{} -> ... -> {} -> {first} ({} links)",
        names[..SHOWN].join(" -> "),
        names[names.len() - 1],
        names.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
        cycles(edges).into_iter().map(|c| c.path).collect()
    }

    #[test]
    fn one_cycle_per_component() {
        assert!(cycles(&[vec![1], vec![2], vec![]]).is_empty());
        assert_eq!(
            cycles(&[vec![1], vec![0]]),
            vec![Cycle {
                path: vec![0, 1],
                edge: 0
            }]
        );
        assert_eq!(
            cycles(&[vec![0, 0]]),
            vec![Cycle {
                path: vec![0],
                edge: 0
            }]
        );
        assert_eq!(paths(&[vec![1], vec![0, 2], vec![1]]), vec![vec![0, 1]]);
        assert_eq!(
            paths(&[vec![1], vec![0], vec![3], vec![2]]),
            vec![vec![0, 1], vec![2, 3]]
        );
        assert_eq!(
            cycles(&[vec![2, 1], vec![0], vec![1]]),
            vec![Cycle {
                path: vec![0, 1],
                edge: 0
            }]
        );
    }

    #[test]
    fn long_cycles_are_shortened() {
        let names: Vec<String> = (0..3).map(|i| format!("O{i}")).collect();
        assert_eq!(describe(&names), "O0 -> O1 -> O2 -> O0");
        let many: Vec<String> = (0..20).map(|i| format!("O{i}")).collect();
        assert_eq!(
            describe(&many),
            "O0 -> O1 -> O2 -> O3 -> O4 -> O5 -> ... -> O19 -> O0 (20 links)"
        );
    }

    #[test]
    fn many_back_links_are_one_finding() {
        // Every node links to the next and back to 0: one component.
        let n = 2_000;
        let edges: Vec<Vec<usize>> = (0..n).map(|i| vec![(i + 1) % n, 0]).collect();
        assert_eq!(cycles(&edges).len(), 1);
    }

    #[test]
    fn deep_chains_do_not_recurse() {
        let n = 200_000;
        let mut edges: Vec<Vec<usize>> = (0..n).map(|i| vec![i + 1]).collect();
        edges[n - 1] = vec![0];
        assert_eq!(cycles(&edges).len(), 1);
    }
}
